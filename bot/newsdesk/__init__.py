"""The news desk: feeds the bot reads, and the review queue where moderators approve what it learned."""
