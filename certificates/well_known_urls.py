"""The issuer's DID document where did:web resolvers look for it."""

from django.urls import path

from certificates import api

app_name = "certificates_well_known"
urlpatterns = [path("did.json", api.did_document, name="did")]
