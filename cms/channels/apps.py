from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "cms.channels"
    label = "channels"
    verbose_name = "Channels"
