"""HTTPS to Sendocki trusts certifi's CA bundle, the same on every OS and in the frozen program."""

import certifi

from sendocki_helper.sync.client import tls_context


def test_tls_context_loads_certifis_authorities_and_verifies():
    import ssl

    context = tls_context()
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert context.cert_store_stats()["x509_ca"] >= 100
    loaded = {cert["serialNumber"] for cert in context.get_ca_certs()}
    own = ssl.create_default_context(cafile=certifi.where())
    assert loaded == {cert["serialNumber"] for cert in own.get_ca_certs()}
