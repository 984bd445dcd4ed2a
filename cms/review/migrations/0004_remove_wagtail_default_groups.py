"""Remove Wagtail's default "Moderators" and "Editors" groups.

Moderators may publish pages directly. Export would still refuse any page
without a sign-off (cms.review.signoffs), but a group whose name promises a
power kepu does not grant only misleads whoever assigns it. kepu's own roles
are Editor, Expert, Publisher and Administrator (migration 0003).
"""

from django.db import migrations


def remove_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=["Moderators", "Editors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0003_roles_and_workflow"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(remove_default_groups, migrations.RunPython.noop)]
