"""The link policy: http(s) only, and well formed wherever a link is written out."""

from __future__ import annotations

from timeline_app.core.links import url_problem, web_url


def test_only_http_and_https_links_with_a_site_are_links() -> None:
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "https://",
                "ftp://example.org", "https://a b.org", "https://a.org/\x00"):  # fmt: skip
        assert url_problem(bad), bad
        assert web_url(bad) == "", bad
    assert url_problem("") == "" and web_url("") == ""


def test_quote_marks_and_brackets_are_percent_encoded_and_escapes_kept() -> None:
    assert web_url(" https://x.org/a'b\"c<d>e`f ") == "https://x.org/a%27b%22c%3Cd%3Ee%60f"
    assert web_url("https://x.org/p%20q?a=1&b=2#frag") == "https://x.org/p%20q?a=1&b=2#frag"
    assert web_url("HTTPS://bücher.de/straße") == "https://xn--bcher-kva.de/stra%C3%9Fe"


def test_malformed_escapes_are_encoded_and_ports_must_be_numbers() -> None:
    assert web_url("https://a.com/%zz%41") == "https://a.com/%25zz%41"
    assert web_url("http://a.com:80%22x/") == ""
    assert web_url("http://a.com:8080/x") == "http://a.com:8080/x"
