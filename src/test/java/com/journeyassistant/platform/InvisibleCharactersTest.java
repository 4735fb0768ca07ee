package com.journeyassistant.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.journeyassistant.evidence.TextNormalizer;
import com.journeyassistant.generation.OutputPolicy;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * One set of invisible characters: whatever evidence import removes and flags, the injection
 * screen counts as hiding text and the output policy strips from what a model writes, and
 * nothing else.
 */
class InvisibleCharactersTest {

    @Test
    void importScreenAndOutputPolicyAgreeOnEveryInvisibleCharacter() {
        int[] invisible = IntStream.rangeClosed(0, 0x10FFFF).filter(InvisibleCharacters::is).toArray();
        assertThat(invisible).hasSizeGreaterThan(150).contains(0x200B, 0x00AD, 0x202E, 0x2066, 0xE0041, 0x1D173);
        for (int c : invisible) {
            String hidden = "Prima" + Character.toString(c) + "winkel";
            assertThat(TextNormalizer.normalize(hidden).text()).as("import, U+%04X", c).isEqualTo("Primawinkel");
            assertThat(TextNormalizer.normalize(hidden).hiddenText()).as("flagged on import, U+%04X", c).isTrue();
            assertThat(OutputPolicy.stripHidden(hidden).text()).as("output, U+%04X", c).isEqualTo("Primawinkel");
            if (c != 0x200D) {
                assertThat(InjectionScreen.hidesText(hidden)).as("screen, U+%04X", c).isTrue();
            }
        }
    }

    @Test
    void whatPeopleTypeIsNotInvisible() {
        for (String ordinary : new String[] {"Snelle levering! 👍🏽", "Gezin 👨‍👩‍👧 tevreden", "café, naïef, één",
                "“Top” – zei ze", "\uFEFFEerste regel van een bestand"}) {
            assertThat(InjectionScreen.hidesText(ordinary)).as(ordinary).isFalse();
            if (!ordinary.contains("\u200D") && !ordinary.contains("\uFEFF")) {
                // the output policy strips even an emoji's joiner: a family shows as its members
                assertThat(OutputPolicy.stripHidden(ordinary).removed()).as(ordinary).isZero();
            }
        }
    }
}
