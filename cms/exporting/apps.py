from django.apps import AppConfig


class ExportingConfig(AppConfig):
    name = "cms.exporting"
    label = "exporting"
    verbose_name = "Export & API"
