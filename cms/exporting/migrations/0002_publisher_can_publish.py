"""Publishers and administrators see the publish runs and may publish by hand (issue 4.5)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMS = {
    "Publisher": ["view_publishrun", "add_publishrun"],
    "Administrator": ["view_publishrun", "add_publishrun"],
}


def grant(apps, schema_editor):
    # Model permissions are normally created after migrate; create them now.
    app_config = apps.get_app_config("exporting")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in PERMS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(*Permission.objects.filter(content_type__app_label="exporting",
                                                         codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [
        ("exporting", "0001_initial"),
        ("review", "0003_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
