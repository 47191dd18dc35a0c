"""A partner's SAML identity provider for the tests: pysaml2's Server, with a key and
certificate made for the run, reading the platform's own SP metadata."""

import base64
import datetime
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from defusedxml.ElementTree import fromstring
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

ENTITY_ID = "https://idp.partner.example/saml"
SSO_URL = "https://idp.partner.example/saml/sso"
XMLSEC = "/usr/bin/xmlsec1"


def certificate_pem() -> str:
    """A self-signed certificate of a fresh key, as an administrator would paste it."""
    return _self_signed(rsa.generate_private_key(public_exponent=65537, key_size=2048))


def _self_signed(key) -> str:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.partner.example")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def key_and_certificate(folder: Path, name: str) -> tuple[Path, Path, str]:
    """A fresh RSA key and its self-signed certificate, as files, and the certificate."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = _self_signed(key)
    key_file, cert_file = folder / f"{name}.key", folder / f"{name}.crt"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_text(pem)
    return key_file, cert_file, pem


@dataclass
class IdentityProviderKeys:
    key_file: Path
    cert_file: Path
    certificate: str


def server(
    keys: IdentityProviderKeys, sp_metadata: str, lifetime_minutes: int = 15, other_sp: str = ""
) -> Server:
    """The IdP, knowing our SP from its metadata (and, with other_sp, another service with
    the same addresses: answers meant for it then reach us)."""
    metadata = [sp_metadata]
    if other_sp:
        metadata.append(_with_entity_id(sp_metadata, other_sp))
    config = IdPConfig()
    config.load(
        {
            "entityid": ENTITY_ID,
            "service": {
                "idp": {
                    "endpoints": {"single_sign_on_service": [(SSO_URL, BINDING_HTTP_REDIRECT)]},
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": lifetime_minutes},
                            "name_form": NAME_FORMAT_URI,
                        }
                    },
                }
            },
            "key_file": str(keys.key_file),
            "cert_file": str(keys.cert_file),
            "xmlsec_binary": XMLSEC,
            "metadata": {"inline": metadata},
        }
    )
    return Server(config=config)


def _with_entity_id(metadata: str, entity_id: str) -> str:
    document = fromstring(metadata)
    document.set("entityID", entity_id)
    return ElementTree.tostring(document, encoding="unicode")


def answer(idp: Server, redirect_to_idp: str, identity: dict, *, audience: str | None = None):
    """The IdP's signed answer to the AuthnRequest in this redirect: (ACS path, form data)."""
    query = parse_qs(urlsplit(redirect_to_idp).query)
    request = idp.parse_authn_request(query["SAMLRequest"][0], BINDING_HTTP_REDIRECT).message
    acs_url = request.assertion_consumer_service_url
    response = idp.create_authn_response(
        identity=identity,
        in_response_to=request.id,
        destination=acs_url,
        sp_entity_id=audience or request.issuer.text,
        name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=f"partner-{identity['uid'][0]}"),
        authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password"},
        sign_assertion=True,
        sign_response=True,
        sign_alg=SIG_RSA_SHA256,
        digest_alg=DIGEST_SHA256,
        binding=BINDING_HTTP_POST,
    )
    data = {"SAMLResponse": base64.b64encode(str(response).encode()).decode()}
    return urlsplit(acs_url).path, data
