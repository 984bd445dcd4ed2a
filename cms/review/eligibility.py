"""Who may sign off a page — DESIGN.md rule 2 and issue 3.

Only an expert whose specialties include the page's specialty may act, and
nobody signs a page they authored (owner) or edited last (the latest
revision's user). Every refusal says why, because the admin shows it.
"""

from __future__ import annotations


def expert_for(user):
    """The Expert linked to ``user``, or None."""
    from cms.people.models import Expert

    if user is None or not getattr(user, "is_authenticated", False):
        return None
    cache = getattr(user, "_kepu_expert", False)
    if cache is False:
        cache = Expert.objects.filter(user=user).first()
        user._kepu_expert = cache
    return cache


def signing_refusal(page, user) -> str | None:
    """Why ``user`` may not sign ``page``, or None if they may."""
    page = page.specific
    expert = expert_for(user)
    if expert is None:
        return "只有关联了审核专家档案的账号才能签发。Only an account linked to a reviewing expert can sign off."
    specialty = page.get_specialty()
    if specialty is None:
        return "页面没有所属专科，无法确定审核资格。The page has no specialty, so nobody qualifies to sign it."
    if not expert.holds(specialty):
        return (f"{expert.name} 不具备本页面所属专科（{specialty.name_zh}）的审核资格。"
                f"{expert.name_en or expert.name} does not hold the page's specialty ({specialty.name_en}).")
    if page.owner_id is not None and page.owner_id == user.pk:
        return "不能签发自己撰写的页面。You wrote this page; another expert must sign it off."
    latest = page.get_latest_revision()
    if latest is not None and latest.user_id == user.pk:
        return "不能签发自己最后编辑的页面。You edited this page last; another expert must sign it off."
    return None


def can_sign(page, user) -> bool:
    return signing_refusal(page, user) is None
