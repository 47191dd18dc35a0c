"""The Arabic live room with English text: every question, announcement, poll and name
takes the direction of its first letter, both as rendered and in the templates the
page's script copies for what arrives live; addresses in them read left to right."""

import pytest

from live.factories import PollFactory, QuestionFactory
from live.models import Announcement, PollState

pytestmark = pytest.mark.django_db


def arabic_room(client, setup, path="") -> str:
    response = client.get(f"/ar/live/{setup.room.pk}/{path}")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    return html


def test_questions_announcements_and_polls_take_their_own_direction(learner_client, setup):
    """An English question, its author, an announcement, a poll and its answers each carry
    dir="auto"; the course title in the heading is a <bdi>."""
    question = QuestionFactory(room=setup.room, text="Is there guidance for small catchments?")
    Announcement.objects.create(room=setup.room, text="The slides are online now.")
    poll = PollFactory(room=setup.room, question="Which model?", options=["HEC-HMS", "SWAT+"])
    poll.state = PollState.OPEN
    poll.save()
    html = arabic_room(learner_client, setup)
    assert (
        f'<p class="q-text" id="question-{question.pk}-text" data-text dir="auto">'
        "Is there guidance for small catchments?</p>"
    ) in html
    assert f'data-author dir="auto">{question.author.get_full_name()}</span>' in html
    assert '<p class="a-text" data-text dir="auto">The slides are online now.</p>' in html
    assert 'data-poll-question dir="auto">Which model?</h3>' in html
    assert 'data-option-text dir="auto">SWAT+</label>' in html
    assert f": <bdi>{setup.room.session.course.title}</bdi></h1>" in html
    assert 'id="live-ask-text" dir="auto"' in html


def test_what_arrives_live_is_built_from_templates_with_their_own_direction(learner_client, setup):
    """The templates the script copies for a new question, poll or announcement carry
    dir="auto" on every piece of typed text."""
    html = arabic_room(learner_client, setup)
    templates = html[html.index('<template id="live-question-template">') :]
    assert 'data-text dir="auto"' in templates.split("</template>")[0]
    assert 'data-author dir="auto"' in templates.split("</template>")[0]
    poll_template = templates.split("</template>")[1]
    assert 'data-poll-question dir="auto"' in poll_template
    assert 'data-option-text dir="auto"' in poll_template
    announcement_template = templates.split("</template>")[2]
    assert '<p class="a-text" data-text dir="auto"></p>' in announcement_template


def test_an_address_in_a_question_reads_left_to_right(learner_client, setup):
    """A web address in an Arabic question is a left-to-right link."""
    QuestionFactory(room=setup.room, text="انظر https://example.org/docs/")
    html = arabic_room(learner_client, setup)
    assert 'target="_blank" dir="ltr">https://example.org/docs/</a>' in html
