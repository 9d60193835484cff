"""Real Content Credentials for tests: manifests signed by c2pa-python's Builder.

The certificate chain is made here with `cryptography`, as C2PA wants it: a CA
(basic constraints CA, keyCertSign) and an ES256 end-entity certificate with
digitalSignature and the emailProtection extended key usage. Nothing is
downloaded; signing skips the trust check that a home-made CA would fail.
"""

from __future__ import annotations

import datetime
import functools
import io
import json
import subprocess
import tempfile
from pathlib import Path

import c2pa
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

from tests.support.images import encode, photo

AI_MEDIA = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
CAPTURE = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"
# Paris, by the Eiffel Tower, as XMP writes GPS.
LATITUDE, LONGITUDE = "48,51.48N", "2,17.67E"
OCSP_URL = "http://ocsp.thinktwice-test.example/"
_SIGNING = {"verify": {"verify_after_sign": False, "verify_trust": False}}


def manifest(
    *,
    title: str = "IMG_2041.jpg",
    author: str | None = "Jane Doe",
    account: str | None = "https://instagram.com/janedoe",
    gps: bool = True,
    ai: bool = False,
    extra: tuple[dict[str, object], ...] = (),
) -> dict[str, object]:
    """A manifest with a creator, an exif assertion (GPS, make, model), and actions."""
    assertions: list[dict[str, object]] = []
    if author:
        person: dict[str, object] = {"@type": "Person", "name": author}
        if account:
            person["identifier"] = account
        assertions.append({
            "label": "stds.schema-org.CreativeWork",
            "data": {"@context": "https://schema.org", "@type": "CreativeWork",
                     "author": [person]},
        })  # fmt: skip
    if gps:
        assertions.append({
            "label": "stds.exif",
            "data": {
                "@context": {"exif": "http://ns.adobe.com/exif/1.0/",
                             "tiff": "http://ns.adobe.com/tiff/1.0/"},
                "exif:GPSLatitude": LATITUDE, "exif:GPSLongitude": LONGITUDE,
                "tiff:Make": "Google", "tiff:Model": "Pixel 8 Pro",
            },
        })  # fmt: skip
    created = {"action": "c2pa.created", "softwareAgent": {"name": "Gemini"},
               "digitalSourceType": AI_MEDIA if ai else CAPTURE}  # fmt: skip
    edited = {
        "action": "c2pa.edited",
        "softwareAgent": {"name": "Adobe Photoshop", "version": "25.0"},
    }
    assertions.append({"label": "c2pa.actions", "data": {"actions": [created, edited]}})
    return {
        "claim_generator_info": [{"name": "PhotoApp", "version": "2.1"}],
        "title": title,
        "assertions": [*assertions, *extra],
    }


def sign(
    data: bytes,
    media_type: str,
    recipe: dict[str, object] | None = None,
    *,
    thumbnail: bool = True,
    ingredient: tuple[str, bytes] | None = None,
    person: bool = True,
) -> bytes:
    """`data` with `recipe` (`manifest()` by default) signed into it, in memory.

    `ingredient` is (title, JPEG bytes) of a file it was made from; `person=False`
    signs with a company's certificate (Adobe Inc.) instead of a person's.
    """
    settings = {**_SIGNING, "builder": {"thumbnail": {"enabled": thumbnail}}}
    context = c2pa.Context(settings=c2pa.Settings.from_dict(settings))
    builder = c2pa.Builder(recipe or manifest(), context=context)
    if ingredient is not None:
        title, original = ingredient
        builder.add_ingredient(
            json.dumps({"title": title, "relationship": "parentOf"}), "image/jpeg",
            io.BytesIO(original),
        )  # fmt: skip
    chain, key = _credentials(person)
    signer = c2pa.Signer.from_info(c2pa.C2paSignerInfo(c2pa.C2paSigningAlg.ES256, chain, key, None))
    out = io.BytesIO()
    builder.sign(signer, media_type, io.BytesIO(data), out)
    return out.getvalue()


@functools.cache
def sources() -> dict[str, tuple[str, bytes]]:
    """Unsigned pictures of each container c2pa signs: suffix -> (media type, bytes)."""
    picture = photo()
    return {
        ".jpg": ("image/jpeg", encode(picture, "JPEG", quality=90)),
        ".png": ("image/png", encode(picture, "PNG")),
        ".webp": ("image/webp", encode(picture, "WEBP", lossless=True)),
        ".heic": ("image/heic", encode(picture, "HEIF")),
        ".avif": ("image/avif", encode(picture, "AVIF")),
        ".mp4": ("video/mp4", _video()),
    }


def signed(suffix: str, recipe: dict[str, object] | None = None, **options: object) -> bytes:
    """The picture of `suffix` with Content Credentials (see `sign`)."""
    media_type, data = sources()[suffix]
    return sign(data, media_type, recipe, **options)  # type: ignore[arg-type]


def _video() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "clip.mp4"
        subprocess.run(
            ["ffmpeg", "-loglevel", "error", "-f", "lavfi",
             "-i", "testsrc=size=64x48:rate=5:duration=1", "-c:v", "libx264",
             "-pix_fmt", "yuv420p", "-fflags", "+bitexact", str(out)],
            check=True,
        )  # fmt: skip
        return out.read_bytes()


@functools.cache
def _credentials(person: bool) -> tuple[bytes, bytes]:
    """(PEM chain end-entity first, PEM private key) under a fresh test CA."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("ThinkTwice Test Root", "ThinkTwice Tests")
    ca = (
        _cert(ca_name, ca_name, ca_key.public_key(), now, days=3650)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_usage(cert_sign=True), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name("Jane Signer", "Jane Doe Photography") if person else _name(
        "Adobe Product Signing", "Adobe Inc."
    )  # fmt: skip
    authority = x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key())
    cert = (
        _cert(subject, ca_name, key.public_key(), now, days=365)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(cert_sign=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), False)
        .add_extension(authority, critical=False)
        # Where a verifier would ask whether it is revoked: the offline test's bait.
        .add_extension(
            x509.AuthorityInformationAccess(
                [
                    x509.AccessDescription(
                        AuthorityInformationAccessOID.OCSP,
                        x509.UniformResourceIdentifier(OCSP_URL),
                    )
                ]
            ),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    chain = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in (cert, ca))
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )  # fmt: skip
    return chain, pem


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
    ])  # fmt: skip


def _cert(
    subject: x509.Name, issuer: x509.Name, public_key: ec.EllipticCurvePublicKey,
    now: datetime.datetime, days: int,
) -> x509.CertificateBuilder:  # fmt: skip
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
    )


def _usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign, content_commitment=False, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=cert_sign,
        crl_sign=cert_sign, encipher_only=False, decipher_only=False,
    )  # fmt: skip


def stores_in(data: bytes, media_type: str) -> bool:
    """Whether c2pa-python's own Reader finds Content Credentials in `data`."""
    offline = {
        "verify": {"verify_trust": False, "remote_manifest_fetch": False, "ocsp_fetch": False}
    }
    context = c2pa.Context(settings=c2pa.Settings.from_dict(offline))
    return c2pa.Reader.try_create(media_type, io.BytesIO(data), None, context) is not None
