"""Annual reviews and group meetings: invitations, RSVP, minutes, attendance."""
