"""Signals of the review context.

``publish_requested`` fires after anything that changes what may be exported
(a sign-off, a revocation, a withdrawal or its lifting). The exporting app
connects the publish task to it, so review never imports exporting.

Receivers get ``sender`` (the model class of the record that changed), ``page``
(the specific page), ``reason`` (one of "signoff", "revoke", "withdraw",
"lift_withdrawal") and ``user``.
"""

from django.dispatch import Signal

publish_requested = Signal()
