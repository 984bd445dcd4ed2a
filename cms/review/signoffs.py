"""Which revision of a page may leave the CMS — the one rule everything else relies on.

DESIGN.md rule 1: only a revision an expert signed off is exported; a later
draft, a revoked sign-off, a withdrawn page, or a signer without the page's
specialty never is.
"""

from __future__ import annotations

from .models import SignOff, Withdrawal


def is_withdrawn(page) -> bool:
    return Withdrawal.objects.filter(page_id=page.pk, lifted_at__isnull=True).exists()


def exportable_signoff(page) -> SignOff | None:
    """The newest sign-off of ``page`` if it may be published, else None.

    The newest sign-off decides: if it was revoked, nothing is exportable (an
    older signature does not silently bring back older text). A sign-off made
    before a withdrawal does not survive the withdrawal being lifted: restoring
    a withdrawn page needs a new signature.
    """
    if is_withdrawn(page):
        return None
    signoff = (SignOff.objects.filter(page_id=page.pk)
               .select_related("expert", "revision", "specialty").first())
    if signoff is None or signoff.revoked_at is not None:
        return None
    if Withdrawal.objects.filter(page_id=page.pk, withdrawn_at__gte=signoff.signed_at).exists():
        return None
    # The signer must still hold the specialty they signed in.
    if not signoff.expert.specialties.filter(pk=signoff.specialty_id).exists():
        return None
    return signoff
