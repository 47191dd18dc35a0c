"""The JSON API: Wagtail's API v2 for pages, images and documents, and read-only endpoints
for training sessions with filters, documented by an OpenAPI schema."""

from collections.abc import Sequence

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as FormValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_filters import rest_framework as filters
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.utils.serializer_helpers import ReturnList
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Site

from courses.ical import platform_sessions, published_sessions
from courses.models import (
    CoursePage,
    SessionKind,
    SessionMode,
    ThemePage,
    TrainingSession,
)
from courses.selectors import localized_courses
from courses.states import SessionState

MAX_PAGE_SIZE = 100
# The largest id or offset taken: what an integer column holds. A larger number names
# nothing, and passed on to the database it overflows (a server error, not an answer).
MAX_INTEGER = 2_147_483_647
# Wagtail API query parameters that are numbers, besides filters on integer fields.
WAGTAIL_INTEGER_PARAMETERS = (
    "offset",
    "limit",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
)


def is_out_of_range(value: str) -> bool:
    """A whole number beyond what the database holds (other text is left to the API's own
    checks)."""
    text = value.strip().lstrip("+-")
    return text.isdigit() and int(text) > MAX_INTEGER


class WagtailIntegerChecks:
    """Wagtail's API v2 with every number checked before it reaches the database: one too
    large answers a 400 naming the parameter (a 404 for an id in the address)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name in self._integer_parameters(request):
            if is_out_of_range(request.GET[name]):
                raise BadRequestError(f"{name} must be at most {MAX_INTEGER}")
        if "pk" in kwargs and is_out_of_range(str(kwargs["pk"])):
            raise Http404(f"No {self.model._meta.object_name} matches the given query.")

    def _integer_parameters(self, request) -> list[str]:
        names = []
        for name in request.GET:
            if name in WAGTAIL_INTEGER_PARAMETERS:
                names.append(name)
                continue
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, models.IntegerField | models.AutoField | models.ForeignKey):
                names.append(name)
        return names


class PagesEndpoint(WagtailIntegerChecks, PagesAPIViewSet):
    pass


class ImagesEndpoint(WagtailIntegerChecks, ImagesAPIViewSet):
    pass


class DocumentsEndpoint(WagtailIntegerChecks, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)


def country_choices():
    return [(country.code, country.name) for country in countries]


class SessionFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and end < start:
            self.add_error("to", _("The end of the range comes before its start."))
        return cleaned


class PageIdField(forms.ModelChoiceField):
    """A page id: a number beyond what the database holds names no page, so it is refused
    as one, before the database sees it."""

    def to_python(self, value):
        if value not in self.empty_values and (
            not str(value).strip().isdigit() or is_out_of_range(str(value))
        ):
            raise FormValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class PageIdFilter(filters.ModelChoiceFilter):
    field_class = PageIdField


def page_id_schema(description: str) -> dict:
    return {"type": "integer", "minimum": 1, "maximum": MAX_INTEGER, "description": description}


class SessionFilter(filters.FilterSet):
    course = extend_schema_field(
        page_id_schema("Page id of the course, in any of its translations.")
    )(
        PageIdFilter(
            queryset=CoursePage.objects.all(),
            method="filter_course",
            help_text=_("Page id of the course, in any of its translations."),
        )
    )
    theme = extend_schema_field(
        page_id_schema("Page id of the theme, in any of its translations.")
    )(
        PageIdFilter(
            queryset=ThemePage.objects.all(),
            method="filter_theme",
            help_text=_("Page id of the theme, in any of its translations."),
        )
    )
    language = filters.ChoiceFilter(
        choices=settings.LANGUAGES, help_text=_("Language of instruction.")
    )
    mode = filters.ChoiceFilter(choices=SessionMode.choices)
    kind = filters.ChoiceFilter(choices=SessionKind.choices)
    country = filters.ChoiceFilter(
        choices=country_choices, help_text=_("ISO 3166 code of the country, such as FR.")
    )
    state = filters.ChoiceFilter(
        choices=[(state.value, state.label) for state in SessionState],
        method="filter_state",
    )
    site = filters.CharFilter(
        method="filter_site",
        help_text=_("Host name of a platform; by default, the platform asked."),
    )
    locale = filters.ChoiceFilter(
        choices=settings.LANGUAGES,
        method="keep_all",
        help_text=_("Give each course's title and address in this language where translated."),
    )

    class Meta:
        model = TrainingSession
        fields = []
        form = SessionFilterForm

    def filter_course(self, queryset, name, course):
        return queryset.filter(course__translation_key=course.translation_key)

    def filter_theme(self, queryset, name, theme):
        paths = ThemePage.objects.filter(translation_key=theme.translation_key).values_list(
            "path", flat=True
        )
        under_theme = Q(pk=None)
        for theme_path in paths:
            under_theme |= Q(course__path__startswith=theme_path)
        return queryset.filter(under_theme)

    def filter_state(self, queryset, name, state):
        return queryset.in_state(SessionState(state))

    def filter_site(self, queryset, name, hostname):
        sites = list(Site.objects.filter(hostname=hostname).values_list("pk", flat=True))
        if not sites:
            raise ValidationError({"site": [_("No platform has this host name.")]})
        return queryset.filter(site__in=sites)

    def keep_all(self, queryset, name, value):
        return queryset


# "from" and "to" are Python keywords, so these two filters are added by name.
SessionFilter.base_filters["from"] = filters.DateFilter(
    field_name="starts_at", lookup_expr="date__gte", help_text=_("Starts on or after (UTC).")
)
SessionFilter.base_filters["to"] = filters.DateFilter(
    field_name="starts_at", lookup_expr="date__lte", help_text=_("Starts on or before (UTC).")
)
QUERY_PARAMETERS = {*SessionFilter.base_filters, "limit", "offset", "format"}


class SessionPagination(LimitOffsetPagination):
    """limit (1 to 100, 20 by default) and offset; a value that is not a number is refused."""

    default_limit = 20
    max_limit = MAX_PAGE_SIZE

    def get_limit(self, request):
        return self.parameter(request, self.limit_query_param, self.default_limit, minimum=1)

    def get_offset(self, request):
        return self.parameter(request, self.offset_query_param, 0, minimum=0)

    def parameter(self, request, name, default, *, minimum):
        if name not in request.query_params:
            return default
        try:
            value = int(request.query_params[name])
        except ValueError:
            value = minimum - 1
        if value < minimum:
            raise ValidationError({name: [_("Enter a whole number, at least %d.") % minimum]})
        if name == self.limit_query_param:
            return min(value, self.max_limit)
        if value > MAX_INTEGER:
            raise ValidationError({name: [_("Enter a whole number, at most %d.") % MAX_INTEGER]})
        return value

    def get_schema_operation_parameters(self, view):
        """The bounds the API holds to, so the schema and the answers agree."""
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1},
            self.offset_query_param: {"minimum": 0, "maximum": MAX_INTEGER},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters


# What a refused request answers: each faulty parameter with its messages.
BAD_REQUEST = OpenApiResponse(
    response={
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    },
    description="A parameter's value is refused; the object names each faulty parameter.",
)
NOT_FOUND = OpenApiResponse(
    response={
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    description="No published session has this id.",
)


class CountrySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class CourseReferenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    translation_key = serializers.UUIDField()
    locale = serializers.CharField(source="locale.language_code")

    def get_url(self, course) -> str | None:
        return course.get_full_url(self.context["request"])


class SessionSerializer(serializers.ModelSerializer):
    course = serializers.SerializerMethodField()
    country = serializers.SerializerMethodField()
    timezone = serializers.CharField(read_only=True, help_text=_("IANA time zone name."))
    seats_left = serializers.IntegerField(read_only=True, allow_null=True)
    state = serializers.SerializerMethodField()
    site = serializers.CharField(source="site.hostname", read_only=True)
    trainers = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    ends_at = serializers.SerializerMethodField()
    always_open = serializers.BooleanField(
        source="is_always_open",
        read_only=True,
        help_text=_("A self-paced run open at any time: it has no end (ends_at is null)."),
    )
    ics_url = serializers.SerializerMethodField()

    class Meta:
        model = TrainingSession
        # join_url is for enrolled learners only: never listed here.
        fields = [
            "id",
            "course",
            "kind",
            "mode",
            "language",
            "starts_at",
            "ends_at",
            "always_open",
            "timezone",
            "venue",
            "city",
            "country",
            "capacity",
            "seats_left",
            "state",
            "status",
            "requires_approval",
            "lessons_required_percent",
            "site",
            "trainers",
            "ics_url",
        ]

    def localized_course(self, session) -> CoursePage:
        return self.context["courses"].get(session.course.translation_key, session.course)

    @extend_schema_field(CourseReferenceSerializer)
    def get_course(self, session):
        return CourseReferenceSerializer(self.localized_course(session), context=self.context).data

    @extend_schema_field(CountrySerializer(allow_null=True))
    def get_country(self, session):
        if not session.country:
            return None
        return {"code": session.country.code, "name": str(session.country.name)}

    @extend_schema_field(serializers.ChoiceField(choices=[state.value for state in SessionState]))
    def get_state(self, session) -> str:
        return session.state(self.context["now"]).value

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_ends_at(self, session):
        if session.is_always_open:
            return None
        return serializers.DateTimeField().to_representation(session.ends_at)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_ics_url(self, session) -> str | None:
        """None for a self-paced run: it is no calendar event (courses.ical)."""
        if session.is_self_paced:
            return None
        language = self.localized_course(session).locale.language_code
        with translation.override(language):
            ics = reverse("courses:session_ics", kwargs={"session_id": session.pk})
        return self.context["request"].build_absolute_uri(ics)


@extend_schema_view(
    list=extend_schema(responses={200: SessionSerializer(many=True), 400: BAD_REQUEST}),
    retrieve=extend_schema(responses={200: SessionSerializer, 400: BAD_REQUEST, 404: NOT_FOUND}),
)
class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    """Training sessions, oldest first: the master platform lists every platform's, a
    sub-platform its own."""

    serializer_class = SessionSerializer
    pagination_class = SessionPagination
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = SessionFilter
    # Public data: no session or password lookups on these endpoints.
    authentication_classes = []
    permission_classes = [AllowAny]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        unknown = sorted(set(request.query_params) - QUERY_PARAMETERS)
        if unknown:
            raise ValidationError({name: [_("Unknown parameter.")] for name in unknown})
        # An empty value (?to=) is not a value of any parameter: refused, not ignored.
        empty = sorted(name for name, value in request.query_params.items() if not value.strip())
        if empty:
            raise ValidationError(
                {name: [_("Give a value, or leave this parameter out.")] for name in empty}
            )
        broken = sorted(name for name, value in request.query_params.items() if "\x00" in value)
        if broken:
            raise ValidationError({name: [_("This value is not valid.")] for name in broken})

    def get_queryset(self) -> QuerySet[TrainingSession]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator, no request
            return TrainingSession.objects.none()
        if "site" in self.request.query_params:
            sessions = published_sessions()  # the site filter picks the platform
        else:
            sessions = platform_sessions(Site.find_for_request(self.request))
        return (
            sessions.select_related("course__locale")
            .prefetch_related("trainers")
            .order_by("starts_at", "pk")
        )

    def list(self, request, *args, **kwargs):
        sessions = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.serialize(sessions))

    def retrieve(self, request, *args, **kwargs):
        if is_out_of_range(str(kwargs["pk"])):
            raise NotFound()
        return Response(self.serialize([self.get_object()])[0])

    def serialize(self, sessions: Sequence[TrainingSession]) -> ReturnList:
        language = self.request.query_params.get("locale")
        context = {
            **self.get_serializer_context(),
            "courses": localized_courses(sessions, language) if language else {},
            "now": timezone.now(),
        }
        # Country names follow ?locale= too, else the request's language.
        with translation.override(language or translation.get_language()):
            return SessionSerializer(sessions, many=True, context=context).data


def session_endpoints_only(endpoints, **kwargs):
    """drf-spectacular hook: the schema covers the sessions API; Wagtail's page API (which
    it cannot introspect) is documented in docs/api.md, its admin API is private."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/sessions/")]


class SchemaView(SpectacularAPIView):
    authentication_classes = []


app_name = "courses_api"

urlpatterns = [
    path(
        "sessions/",
        SessionViewSet.as_view({"get": "list"}),
        name="session-list",
    ),
    path(
        "sessions/<int:pk>/",
        SessionViewSet.as_view({"get": "retrieve"}),
        name="session-detail",
    ),
    path("schema/", SchemaView.as_view(), name="schema"),
]
