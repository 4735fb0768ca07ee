package com.journeyassistant.generation;

import com.journeyassistant.journey.Channel;
import java.util.Map;

/** The copy fields of a channel and the most characters each may hold, in the order people write them. */
public final class CopyLimits {

    private CopyLimits() {
    }

    public static Map<String, Integer> of(Channel channel) {
        return ChannelFormat.of(channel).limits();
    }

    /**
     * Whether the assistant writes copy for the channel: not for the spoken and physical ones
     * (a call centre, a store, a delivery, word of mouth) nor for reviews customers write.
     */
    public static boolean written(Channel channel) {
        return switch (channel) {
            case CALL_CENTRE, STORE, DELIVERY, WORD_OF_MOUTH, REVIEW_SITE, OTHER -> false;
            default -> true;
        };
    }
}
