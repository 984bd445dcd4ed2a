from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "cms.review"
    label = "review"
    verbose_name = "Review & sign-off"
