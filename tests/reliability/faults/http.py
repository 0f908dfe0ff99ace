"""A tiny stdlib HTTP client with cookies and CSRF, to drive gunicorn like a browser would."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self, base, timeout=10):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        self.timeout = timeout

    def request(self, method, path, data=None):
        """(status, body text, headers); never raises for an HTTP status."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, method=method)
        if body is not None:
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.status, response.read().decode(errors="replace"), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), error.headers

    def get(self, path):
        return self.request("GET", path)

    def csrf(self, page_body):
        match = CSRF_INPUT.search(page_body)
        if match:
            return match.group(1)
        return next((cookie.value for cookie in self.jar if cookie.name == "csrftoken"), "")

    def post(self, path, data=None, form_page=None):
        """POST with the CSRF token of `form_page` (default: the same path)."""
        _, page, _ = self.get(form_page or path)
        return self.request("POST", path, {**(data or {}), "csrfmiddlewaretoken": self.csrf(page)})

    def login(self, email, password):
        status, _, headers = self.post("/account/login/", {"login": email, "password": password})
        return status == 302 and "/account/login" not in (headers.get("Location") or "")
