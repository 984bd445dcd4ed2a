from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "cms.base"
    label = "kepu_base"
    verbose_name = "kepu base"
