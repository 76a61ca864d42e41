"""Discord scheduled events for the show's upcoming premieres and events, kept in step with the facts."""
