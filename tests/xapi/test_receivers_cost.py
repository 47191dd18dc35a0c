"""While no LRS is active, what learners do records nothing and costs no query; saving a
store in the admin is heard at once."""

import pytest

from accounts.factories import UserFactory
from learning.factories import LessonPageFactory
from learning.models import LessonProgress
from learning.signals import lesson_completed
from tests.learning.quiz_world import quiz_world
from xapi.models import LearningRecordStore, Statement, StatementDelivery

pytestmark = pytest.mark.django_db


def test_no_active_store_records_nothing_and_costs_no_query(home, django_assert_num_queries):
    """An inactive store is not an active one: events are ignored without a query."""
    world = quiz_world(home)
    lesson = LessonPageFactory(parent=world.module)
    LearningRecordStore.objects.create(name="Off", endpoint="http://127.0.0.1:9/", active=False)
    learner = UserFactory()
    lesson_completed.send(sender=LessonProgress, user=learner, lesson=lesson, by="marked")
    with django_assert_num_queries(0):
        for _ in range(3):
            lesson_completed.send(sender=LessonProgress, user=learner, lesson=lesson, by="marked")
    assert not Statement.objects.exists()


def test_a_store_made_active_is_heard_at_once(home):
    """Turning a store on (or adding one) clears the cached answer: the next event writes
    its statement for it; a store for another platform gets nothing."""
    world = quiz_world(home)
    lesson = LessonPageFactory(parent=world.module)
    learner = UserFactory()
    store = LearningRecordStore.objects.create(
        name="Later", endpoint="http://127.0.0.1:9/", active=False
    )
    lesson_completed.send(sender=LessonProgress, user=learner, lesson=lesson, by="marked")
    store.active = True
    store.save()
    lesson_completed.send(sender=LessonProgress, user=learner, lesson=lesson, by="marked")
    assert StatementDelivery.objects.filter(store=store).count() == 1

    other = LearningRecordStore.objects.create(name="Elsewhere", endpoint="http://127.0.0.1:9/")
    from wagtail.models import Site

    elsewhere = Site.objects.create(hostname="drr.localhost", root_page=home, site_name="DRR")
    other.sites.set([elsewhere])
    lesson_completed.send(sender=LessonProgress, user=learner, lesson=lesson, by="marked")
    assert StatementDelivery.objects.filter(store=other).count() == 0
    assert StatementDelivery.objects.filter(store=store).count() == 2
