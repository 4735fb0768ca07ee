package com.journeyassistant.evidence;

/** Where a piece of feedback came from. */
public enum SourceChannel {
    SURVEY, REVIEW, TICKET, CALL, IN_APP, ON_SITE, CHAT, EMAIL, SOCIAL, OTHER
}
