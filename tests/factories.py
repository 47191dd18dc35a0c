"""Factories for the objects tests need; pages are built as an editor would, by adding
children to the tree and publishing a revision."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, Site

from accounts.models import User
from accounts.roles import ADMINISTRATOR, LEARNER, TRAINER
from cms.models import HomePage, PlatformSettings, StandardPage

DEFAULT_PASSWORD = "correct horse battery staple"


def grant_role(default: str):
    """Puts the user in a role's group; `UserFactory(role=TRAINER)` picks another role."""

    def grant(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=extracted or default))

    return factory.PostGeneration(grant)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(DEFAULT_PASSWORD)

    role = grant_role(LEARNER)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class TrainerFactory(UserFactory):
    role = grant_role(TRAINER)


class AdministratorFactory(UserFactory):
    role = grant_role(ADMINISTRATOR)


def locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


class PageFactory(factory.django.DjangoModelFactory):
    """Adds the page under `parent` (the tree's root by default) and publishes it."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        parent = parent or Page.get_first_root_node()
        page = parent.add_child(instance=model_class(*args, **kwargs))
        page.save_revision().publish()
        return page


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = factory.Sequence(lambda n: f"Platform {n}")
    slug = factory.Sequence(lambda n: f"platform-{n}")
    tagline = "Training for everyone"


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    intro = "An introduction"


def translate(page: Page, code: str, **fields) -> Page:
    """The page's translation into `code`, with the given fields, published."""
    translation = page.copy_for_translation(locale(code))
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def make_site(home: HomePage, *, hostname="testserver", port=80, is_default=True, is_master=False):
    if is_default:
        Site.objects.filter(is_default_site=True).delete()
    site = Site.objects.create(
        hostname=hostname, port=port, root_page=home, is_default_site=is_default,
        site_name=home.title,
    )
    settings = PlatformSettings.for_site(site)
    settings.is_master = is_master
    settings.save()
    return site
