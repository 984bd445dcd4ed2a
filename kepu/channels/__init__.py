"""Channels: how signed pages reach patients outside the site itself.

Pure functions over the content tree (no Pelican here), so each rule can be
tested on its own and reused by the Pelican plugins in site/plugins/kepu_*:

- entries      one flat, read-only record per page (url, reviewer, review dates…)
- channel_match which pages a channel gets (topics, region, specialty, language; never expired)
- campaign     utm tagging of links for a channel
- shortlinks   /s/<code>/ static redirect pages, per-channel variants, withdrawal notices
- qr, posters  QR codes (segno) and printable A4 posters
- digest       the community assistant's daily reading list
- scripts      short-video narration scripts and SRT subtitles from the signed panels
- feeds        Atom, RSS, JSON Feed and OPML
- api          the static JSON API
- sharecards   square og:image cards and their check

URL conventions are in docs/channels.md.
"""
