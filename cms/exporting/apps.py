from django.apps import AppConfig


class ExportingConfig(AppConfig):
    name = "cms.exporting"
    label = "exporting"
    verbose_name = "Export & API"

    def ready(self):
        from cms.review.signals import publish_requested

        from .tasks import on_publish_requested

        # A sign-off, revocation or withdrawal republishes the site (issue 4.5).
        publish_requested.connect(on_publish_requested, dispatch_uid="kepu-publish-on-signoff")
