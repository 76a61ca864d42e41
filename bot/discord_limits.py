"""Discord's documented limits on what a bot sends: the renderer keeps within them, the local Discord checks them.

https://discord.com/developers/docs/resources/message#embed-object-embed-limits and the interaction and
application-command pages."""

import re

CONTENT = 2000
EMBEDS = 10
TITLE = 256
DESCRIPTION = 4096
FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR = 256
EMBED_TOTAL = 6000
CHOICES = 25
CHOICE_TEXT = 100
COMMAND_DESCRIPTION = 100
OPTIONS = 25
NONCE = 25
COMMAND_NAME = re.compile(r"^[-\w]{1,32}$")  # letters and digits of any script, '-' and '_'; lower case
