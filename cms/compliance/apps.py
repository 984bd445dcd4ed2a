from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "cms.compliance"
    label = "compliance"
    verbose_name = "Compliance checks"
