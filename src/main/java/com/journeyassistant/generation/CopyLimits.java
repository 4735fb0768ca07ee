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
}
