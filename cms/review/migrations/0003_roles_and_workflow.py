"""Roles and the review workflow, created by migration (issue 3).

Editor     writes and submits pages (add/edit, no publish); chooses images and people.
Expert     reviews and signs off (the sign-off task decides per page, by specialty).
Publisher  withdraws pages, revokes sign-offs, manages channels and people snippets,
           exports the audit log.
Administrator  everything.

The workflow "checks → expert sign-off" replaces Wagtail's default moderators
workflow on the root page, so every page in every locale goes through it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WORKFLOW_NAME = "kepu review: checks → expert sign-off"
PAGE_PERMS = {
    "Editor": ["add_page", "change_page", "lock_page"],
    "Expert": [],
    "Publisher": ["add_page", "change_page", "lock_page", "unlock_page"],
    "Administrator": ["add_page", "change_page", "publish_page", "bulk_delete_page",
                      "lock_page", "unlock_page"],
}
COLLECTION_PERMS = {
    "Editor": ["add_image", "change_image", "choose_image", "add_document", "change_document",
               "choose_document"],
    "Expert": ["choose_image", "choose_document"],
    "Publisher": ["add_image", "change_image", "choose_image", "add_document",
                  "change_document", "choose_document"],
    "Administrator": ["add_image", "change_image", "delete_image", "choose_image",
                      "add_document", "change_document", "delete_document", "choose_document"],
}
PEOPLE_MODELS = [("people", "expert"), ("people", "character"), ("people", "sponsor"),
                 ("people", "specialty"), ("channels", "channel")]
MODEL_PERMS = {
    "Editor": [f"{app}.view_{model}" for app, model in PEOPLE_MODELS],
    "Expert": [f"{app}.view_{model}" for app, model in PEOPLE_MODELS] + [
        "review.add_signoff", "review.view_signoff"],
    "Publisher": [f"{app}.{action}_{model}" for app, model in PEOPLE_MODELS
                  for action in ("add", "change", "delete", "view")] + [
        "review.view_signoff", "review.revoke_signoff", "review.export_audit_log",
        "review.add_withdrawal", "review.change_withdrawal", "review.view_withdrawal"],
}


def _perm(apps, dotted):
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_roles(apps, schema_editor):
    # Model permissions are normally created after migrate; create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    access_admin = _perm(apps, "wagtailadmin.access_admin")

    kepu_apps = ["people", "channels", "content", "review", "compliance", "kepu_base"]
    MODEL_PERMS["Administrator"] = [
        f"{p.content_type.app_label}.{p.codename}"
        for p in Permission.objects.filter(content_type__app_label__in=kepu_apps)
        .select_related("content_type")
    ] + ["auth.add_user", "auth.change_user", "auth.delete_user", "auth.view_user",
         "wagtailcore.add_workflow", "wagtailcore.change_workflow", "wagtailcore.add_task",
         "wagtailcore.change_task", "wagtailcore.add_site", "wagtailcore.change_site",
         "wagtailcore.add_locale", "wagtailcore.change_locale"]

    for name in ("Editor", "Expert", "Publisher", "Administrator"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for dotted in MODEL_PERMS.get(name, []):
            group.permissions.add(_perm(apps, dotted))
        if root is not None:
            for codename in PAGE_PERMS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=_perm(apps, f"wagtailcore.{codename}"))
        if root_collection is not None:
            for codename in COLLECTION_PERMS[name]:
                app = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=_perm(apps, f"{app}.{codename}"))


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ComplianceCheckTask = apps.get_model("compliance", "ComplianceCheckTask")
    ExpertSignOffTask = apps.get_model("review", "ExpertSignOffTask")

    checks_ct, _ = ContentType.objects.get_or_create(app_label="compliance", model="compliancechecktask")
    signoff_ct, _ = ContentType.objects.get_or_create(app_label="review", model="expertsignofftask")
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if created:
        checks = ComplianceCheckTask.objects.create(name="合规检查 Compliance checks",
                                                    content_type=checks_ct, active=True)
        signoff = ExpertSignOffTask.objects.create(name="专家签发 Expert sign-off",
                                                   content_type=signoff_ct, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=checks, sort_order=0)
        WorkflowTask.objects.create(workflow=workflow, task=signoff, sort_order=1)
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):

    dependencies = [
        ("review", "0002_expertsignofftask_alter_signoff_options"),
        ("compliance", "0001_initial"),
        ("people", "0001_initial"),
        ("channels", "0002_initial"),
        ("content", "0002_initial"),
        ("kepu_base", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(create_workflow, migrations.RunPython.noop),
    ]
