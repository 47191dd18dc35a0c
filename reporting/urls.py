"""Public reporting URLs under the reader's language prefix: the open data files of each
impact page and the data dictionary."""

from django.urls import path

from reporting.views import public

app_name = "reporting"

urlpatterns = [
    path(
        "impact/<int:page_id>/data.csv",
        public.impact_data,
        {"file_format": "csv"},
        name="impact_csv",
    ),
    path(
        "impact/<int:page_id>/data.json",
        public.impact_data,
        {"file_format": "json"},
        name="impact_json",
    ),
    path("impact/data-dictionary/", public.data_dictionary, name="dictionary"),
    path("impact/data-dictionary.json", public.data_dictionary_json, name="dictionary_json"),
]
