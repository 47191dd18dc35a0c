from django.db import migrations

WORKFLOW_NAME = "Editorial approval"
TASK_NAME = "Approval by an administrator"


def name_the_workflow(apps, schema_editor):
    """Wagtail's default workflow is about 'moderators'; the platform has administrators."""
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name="Moderators approval").update(name=WORKFLOW_NAME)
    Task.objects.filter(name="Moderators approval").update(name=TASK_NAME)


def restore_names(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=WORKFLOW_NAME).update(name="Moderators approval")
    Task.objects.filter(name=TASK_NAME).update(name="Moderators approval")


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(name_the_workflow, restore_names)]
