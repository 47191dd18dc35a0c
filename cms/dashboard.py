"""The frame of the admin dashboard's panels for trainers: each later stage registers its
own panel (a heading and a few linked rows) from its wagtail_hooks.py."""

from dataclasses import dataclass

from wagtail.admin.ui.components import Component


@dataclass
class DashboardRow:
    label: str
    url: str
    detail: str = ""


class DashboardListPanel(Component):
    """A dashboard panel listing a few rows; hidden when `rows` is None (not for this
    person), and saying `empty_text` when there is nothing, or hidden if that is empty."""

    template_name = "cms/admin/dashboard_panel.html"
    name = ""
    heading = ""
    empty_text = ""
    order = 100

    def rows(self, request) -> list[DashboardRow] | None:
        raise NotImplementedError

    def render_html(self, parent_context=None):
        request = parent_context["request"]
        rows = self.rows(request)
        if rows is None or (not rows and not self.empty_text):
            return ""
        self._rows = rows
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        return {
            "panel_id": self.name,
            "heading": self.heading,
            "rows": self._rows,
            "empty_text": self.empty_text,
        }
