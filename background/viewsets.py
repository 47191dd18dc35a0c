"""Admin listings of rows the system records (outgoing email, failed tasks, transcodes,
certificates): listed and searched in the admin, never added, edited or deleted there."""

LIST_ONLY_URL_NAMES = {
    "add_url_name": None,
    "edit_url_name": None,
    "delete_url_name": None,
    "history_url_name": None,
    "usage_url_name": None,
}


class ListOnlyViewSetMixin:
    """For a Wagtail ModelViewSet: its views link to no add, edit, delete, history or usage
    view."""

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{**LIST_ONLY_URL_NAMES, **kwargs})
