"""The export API, mounted at /api/kepu/ (cms/urls.py). See api.py."""

from django.urls import path

from . import api

app_name = "kepu_api"

urlpatterns = [
    path("", api.index, name="index"),
    path("pages/", api.pages, name="pages"),
    path("signoffs/", api.signoffs, name="signoffs"),
    path("registries/<slug:kind>/", api.registry, name="registry"),
    path("withdrawn/", api.withdrawn, name="withdrawn"),
    path("expired/", api.expired, name="expired"),
    path("media/<str:name>", api.media, name="media"),
]
