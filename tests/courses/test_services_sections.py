import pytest
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

from accounts.factories import AdministratorFactory, TrainerFactory
from courses.models import CoursePage, ThemePage
from courses.services import section_assign_trainer, section_group

pytestmark = pytest.mark.django_db


def publish_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def sections(home):
    """Two themes, each with a course."""
    big_data = publish_child(home, ThemePage(title="Big data", slug="big-data"))
    energy = publish_child(home, ThemePage(title="New energy", slug="new-energy"))
    publish_child(big_data, CoursePage(title="Data pipelines", slug="data-pipelines"))
    publish_child(energy, CoursePage(title="Batteries", slug="batteries"))
    return big_data, energy


def edit_url(page: Page) -> str:
    return f"/admin/pages/{page.pk}/edit/"


def test_trainer_edits_only_the_courses_of_their_section(client, sections):
    """A trainer assigned to Big data opens its course's editor, not New energy's."""
    big_data, energy = sections
    trainer = TrainerFactory()
    section_assign_trainer(section=big_data, user=trainer)
    client.force_login(trainer)
    assert client.get(edit_url(big_data.get_children().first())).status_code == 200
    assert client.get(edit_url(energy.get_children().first())).status_code in (302, 403)


def test_trainer_can_add_a_course_to_their_section(client, sections):
    """The 'add child page' screen of the trainer's theme offers a course."""
    big_data, _energy = sections
    trainer = TrainerFactory()
    section_assign_trainer(section=big_data, user=trainer)
    client.force_login(trainer)
    response = client.get(f"/admin/pages/add/courses/coursepage/{big_data.pk}/")
    assert response.status_code == 200


def test_removed_trainer_loses_the_section(client, sections):
    """Taking a trainer out of a section closes its editor to them."""
    big_data, _energy = sections
    trainer = TrainerFactory()
    section_assign_trainer(section=big_data, user=trainer)
    # What an administrator does in the admin's Users area: take the section's group away.
    trainer.groups.remove(section_group(section=big_data))
    client.force_login(trainer)
    assert client.get(edit_url(big_data.get_children().first())).status_code in (302, 403)


def test_trainer_submits_for_approval_and_an_administrator_publishes(client, sections):
    """A trainer's change waits for an administrator's approval before it goes live."""
    big_data, _energy = sections
    course = big_data.get_children().first().specific
    trainer = TrainerFactory()
    section_assign_trainer(section=big_data, user=trainer)
    client.force_login(trainer)

    editor = client.get(edit_url(course)).content.decode()
    assert "action-publish" not in editor
    assert "action-submit" in editor
    data = querydict_from_html(editor, form_id="page-edit-form")
    # StreamFields post what the admin's script builds; an empty stream is enough here.
    data.update(nested_form_data({"objectives": streamfield([])}))
    data["title"] = "Data pipelines at scale"
    data["action-submit"] = "Submit"
    response = client.post(edit_url(course), data)
    assert response.status_code == 302

    course.refresh_from_db()
    assert course.title == "Data pipelines"
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(course.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Approval by an administrator"

    administrator = AdministratorFactory()
    state.current_task_state.task.specific.on_action(
        state.current_task_state, administrator, "approve"
    )
    course.refresh_from_db()
    assert course.title == "Data pipelines at scale"
    assert course.live


def test_administrator_sees_the_approval_waiting_on_the_dashboard(client, sections):
    """The administrator's dashboard lists the page awaiting their review."""
    big_data, _energy = sections
    course = big_data.get_children().first().specific
    trainer = TrainerFactory()
    section_assign_trainer(section=big_data, user=trainer)
    course.get_workflow().start(course, trainer)
    client.force_login(AdministratorFactory())
    html = client.get("/admin/").content.decode()
    assert "Data pipelines" in html
    assert "Approval by an administrator" in html


def test_section_covers_translations_made_later(client, sections):
    """When a theme is translated after a trainer got it, the trainer edits the translation."""
    from cms.factories import translate

    big_data, _energy = sections
    trainer = TrainerFactory()
    section_assign_trainer(section=big_data, user=trainer)
    translate(big_data.get_parent().specific, "fr", title="Accueil")
    big_data_fr = translate(big_data, "fr", title="Mégadonnées")
    client.force_login(trainer)
    assert client.get(edit_url(big_data_fr)).status_code == 200


def test_trainer_asks_for_a_translation_of_their_course(client, sections):
    """A trainer opens the form that submits their course for translation."""
    big_data, _energy = sections
    course = big_data.get_children().first()
    trainer = TrainerFactory()
    section_assign_trainer(section=big_data, user=trainer)
    client.force_login(trainer)
    assert client.get(f"/admin/localize/submit/page/{course.pk}/").status_code == 200


def test_trainer_schedules_a_session_in_the_admin(client, sections):
    """A trainer opens the form to add a training session."""
    client.force_login(TrainerFactory())
    response = client.get("/admin/snippets/courses/trainingsession/add/")
    assert response.status_code == 200
    assert 'name="starts_at"' in response.content.decode()
