"""Forms of the review admin: the e-signature, reasons for revoke and withdraw."""

from django import forms
from django.core.exceptions import PermissionDenied

from .models import DEFAULT_MEANING


class SignOffActionForm(forms.Form):
    """The sign-off fields, without knowing the user (Wagtail's workflow modal API)."""

    password = forms.CharField(
        label="密码 Password", strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="重新输入你的登录密码以签名。Re-enter your login password: it is your signature.")
    meaning = forms.CharField(label="签名含义 Meaning of signature", initial=DEFAULT_MEANING,
                              max_length=300)
    declaration = forms.CharField(
        label="利益冲突声明 Conflict-of-interest declaration", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="如无利益冲突也请写明。State 'none' explicitly if you have none.")
    next_review = forms.DateField(label="下次复审日期 Next review due",
                                  widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    comment = forms.CharField(label="备注 Comment (optional)", required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


class SignOffForm(SignOffActionForm):
    """The sign-off page's form: checks the password of the user who is signing."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("密码不正确。Wrong password.")
        return password

    def sign(self, task_state):
        from .services import sign_off

        try:
            return sign_off(task_state, self.user, **self.cleaned_data)
        except PermissionDenied as exc:
            self.add_error(None, str(exc))
            return None


class RequestChangesForm(forms.Form):
    comment = forms.CharField(label="需要修改的地方 What must change", widget=forms.Textarea(attrs={"rows": 4}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由 Reason", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="记入审计日志。Recorded in the audit log.")
