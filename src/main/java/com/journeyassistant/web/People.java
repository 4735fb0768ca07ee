package com.journeyassistant.web;

import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Who changed something, as a page names them: the person's e-mail, "the API key …", or "someone". */
@Component
class People {

    private final MessageSource messages;

    People(MessageSource messages) {
        this.messages = messages;
    }

    String name(Optional<String> changedBy, Locale locale) {
        return changedBy.map(who -> who.startsWith("key:")
                        ? messages.getMessage("who.key", new Object[] {who.substring(4)}, locale) : who)
                .orElseGet(() -> messages.getMessage("who.unknown", null, locale));
    }
}
