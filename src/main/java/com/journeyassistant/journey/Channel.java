package com.journeyassistant.journey;

/** Where a touchpoint reaches the customer. */
public enum Channel {
    SEARCH_AD, DISPLAY_AD, SOCIAL, WEBSITE, EMAIL, SMS, PUSH, CHAT, CALL_CENTRE, IN_APP, STORE,
    REVIEW_SITE, MARKETPLACE, DELIVERY, PRINT, WORD_OF_MOUTH, OTHER
}
