package com.journeyassistant.journey;

import com.journeyassistant.platform.AuditTrail;
import static com.journeyassistant.journey.MapInputs.orEmpty;
import static com.journeyassistant.journey.MapTable.instant;
import static com.journeyassistant.journey.MapTable.json;
import static com.journeyassistant.journey.MapTable.strings;
import static com.journeyassistant.journey.MapTable.utc;

import com.journeyassistant.journey.MapModels.BrandProfile;
import com.journeyassistant.platform.ApiProblemException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The workspace's voice: tone, words to use and avoid, mandatory phrases, default language.
 * A workspace without one reads as an empty profile at version 0; the first update creates it.
 */
@Service
public class BrandProfiles {

    static final BrandProfile EMPTY = new BrandProfile("", List.of(), List.of(), List.of(), Language.EN, 0, null);

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    BrandProfiles(JdbcClient jdbc, AuditTrail audit) {
        this.audit = audit;
        this.jdbc = jdbc;
    }

    public BrandProfile get(UUID workspaceId) {
        return jdbc.sql("select * from brand_profile where workspace_id = ?").param(workspaceId)
                .query((rs, n) -> new BrandProfile(rs.getString("tone"), strings(rs, "words_to_use"),
                        strings(rs, "words_to_avoid"), strings(rs, "mandatory_phrases"),
                        Language.fromCode(rs.getString("default_language")), rs.getLong("version"),
                        instant(rs, "updated_at")))
                .optional().orElse(EMPTY);
    }

    /**
     * Saves the profile as people edit it; 400 naming each field that is too long, 409 when it
     * changed since {@code expectedVersion} (0: none saved yet).
     */
    @Transactional
    public BrandProfile save(UUID workspaceId, long expectedVersion, String tone, List<String> wordsToUse,
                             List<String> wordsToAvoid, List<String> mandatoryPhrases, Language defaultLanguage,
                             String actor) {
        List<ApiProblemException.FieldError> errors = new java.util.ArrayList<>();
        if (tone == null || tone.length() > 2000) {
            errors.add(new ApiProblemException.FieldError("tone", "must be at most 2000 characters"));
        }
        checkWords(errors, "wordsToUse", wordsToUse, 200, 200);
        checkWords(errors, "wordsToAvoid", wordsToAvoid, 200, 200);
        checkWords(errors, "mandatoryPhrases", mandatoryPhrases, 20, 500);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        return put(workspaceId, expectedVersion, new MapInputs.BrandProfileInput(tone, wordsToUse, wordsToAvoid,
                mandatoryPhrases, defaultLanguage, expectedVersion), actor);
    }

    private static void checkWords(List<ApiProblemException.FieldError> errors, String field, List<String> words,
                                   int most, int longest) {
        if (words.size() > most || words.stream().anyMatch(w -> w.isBlank() || w.length() > longest)) {
            errors.add(new ApiProblemException.FieldError(field, "at most " + most + " entries of at most " + longest
                    + " characters each"));
        }
    }

    @Transactional
    BrandProfile put(UUID workspaceId, long expectedVersion, MapInputs.BrandProfileInput input, String actor) {
        long current = get(workspaceId).version();
        if (current != expectedVersion) {
            throw ApiProblemException.staleVersion("Brand profile", expectedVersion, current);
        }
        Object[] values = {input.tone().strip(), json(orEmpty(input.wordsToUse())), json(orEmpty(input.wordsToAvoid())),
                json(orEmpty(input.mandatoryPhrases())), input.defaultLanguage().code(), utc(MapTable.now())};
        int changed;
        if (current == 0) {
            changed = jdbc.sql("""
                            insert into brand_profile (tone, words_to_use, words_to_avoid, mandatory_phrases,
                                default_language, updated_at, version, workspace_id) values (?, ?, ?, ?, ?, ?, 1, ?)""")
                    .params(append(values, workspaceId)).update();
        } else {
            changed = jdbc.sql("""
                            update brand_profile set tone = ?, words_to_use = ?, words_to_avoid = ?, mandatory_phrases = ?,
                                default_language = ?, updated_at = ?, version = version + 1
                            where workspace_id = ? and version = ?""")
                    .params(append(append(values, workspaceId), expectedVersion)).update();
        }
        if (changed == 0) {
            throw ApiProblemException.staleVersion("Brand profile", expectedVersion, get(workspaceId).version());
        }
        BrandProfile saved = get(workspaceId);
        audit.recordBy(workspaceId, actor, "brand-profile.changed", "brand-profile", workspaceId,
                "version " + saved.version());
        return saved;
    }

    private static Object[] append(Object[] values, Object value) {
        Object[] longer = java.util.Arrays.copyOf(values, values.length + 1);
        longer[values.length] = value;
        return longer;
    }
}
