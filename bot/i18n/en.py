"""English text, the reference catalogue: every other language has exactly these keys."""

MESSAGES: dict[str, str] = {
    "error.cooldown": "Slow down a little: try again in {seconds:.0f} s.",
    "error.guild_only": "This command only works in a server.",
    "error.not_allowed": "You can't use this command here.",
    "error.missing_permissions": "You need the {permissions} permission for this.",
    "error.bad_option": "That value for `{option}` doesn't work: {reason}",
    "error.unknown_command": "That command is no longer available; Discord will update your list shortly.",
    "error.internal": "Something went wrong on our side. It has been logged; please try again later.",
    "about.title": "About Savoir",
    "about.description": (
        "I answer questions about **{show}** from the news articles my moderators feed me. "
        "Every answer can say which article it comes from."
    ),
    "about.facts": "What I know",
    "about.facts.value": "{credits} cast credits, {crew} crew credits, {dates} dates, {figures} figures",
    "about.articles": "From {count} articles",
    "about.article": "`{file}`, published {date}",
    "about.article.undated": "`{file}`, date unknown",
    "about.more": "...and {count} more",
    "about.loaded": "Facts loaded",
    "about.footer": "Savoir {version}",
}
