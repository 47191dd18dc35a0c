"""Reporting views: public.py serves the impact page and its open data, admin.py the
dashboard in the Wagtail admin."""
