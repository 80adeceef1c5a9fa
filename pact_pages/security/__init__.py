"""The reference site's hardening (CSP, sign-in lockout, throttles)."""
