package com.journeyassistant.chat;

import com.journeyassistant.model.TokenCount;
import com.journeyassistant.platform.ApiProblemException;
import com.journeyassistant.platform.CurrentWorkspace;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversations, their messages and proposals. A conversation is found only by the workspace
 * and API key that started it; to anyone else it does not exist (404).
 */
@Repository
class Conversations {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    enum Role { USER, ASSISTANT }

    /** COMPLETE messages are the memory; an answer cut off (client gone, model failed) is kept but never replayed. */
    enum Status { COMPLETE, INTERRUPTED, FAILED }

    /** APPLYING only while a confirmed proposal runs. */
    enum ProposalStatus { PROPOSED, APPLYING, APPLIED, DECLINED, FAILED }

    record Conversation(UUID id, UUID journeyId, OffsetDateTime createdAt) {
    }

    record Message(UUID id, Role role, String content, Status status, JsonNode citations, List<UUID> proposalIds,
                   List<String> problems, String model, String promptVersion, OffsetDateTime createdAt) {
    }

    record Proposal(UUID id, String tool, JsonNode arguments, String summary, ProposalStatus status, JsonNode result,
                    OffsetDateTime createdAt, OffsetDateTime decidedAt, String decidedBy) {
    }

    private final JdbcClient jdbc;

    Conversations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Conversation create(CurrentWorkspace caller, UUID journeyId) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = now();
        jdbc.sql("insert into conversation (id, workspace_id, journey_id, owner_key_id, created_at) values (?, ?, ?, ?, ?)")
                .params(id, caller.workspaceId(), journeyId, caller.apiKeyId(), now).update();
        return new Conversation(id, journeyId, now);
    }

    /** The caller's conversations, newest first, with how many messages each holds. */
    record Summary(UUID id, UUID journeyId, OffsetDateTime createdAt, int messages) {
    }

    List<Summary> list(CurrentWorkspace caller) {
        return jdbc.sql("""
                select c.id, c.journey_id, c.created_at, (select count(*) from chat_message m where m.conversation_id = c.id)
                    as messages
                from conversation c where c.workspace_id = ? and c.owner_key_id = ? order by c.created_at desc, c.id""")
                .params(caller.workspaceId(), caller.apiKeyId())
                .query((rs, n) -> new Summary(rs.getObject("id", UUID.class), rs.getObject("journey_id", UUID.class),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getInt("messages")))
                .list();
    }

    Conversation get(CurrentWorkspace caller, UUID id) {
        return jdbc.sql("select id, journey_id, created_at from conversation where id = ? and workspace_id = ?"
                        + " and owner_key_id = ?")
                .params(id, caller.workspaceId(), caller.apiKeyId())
                .query((rs, n) -> new Conversation(rs.getObject("id", UUID.class), rs.getObject("journey_id", UUID.class),
                        rs.getObject("created_at", OffsetDateTime.class)))
                .optional().orElseThrow(() -> ApiProblemException.notFound("Conversation", id));
    }

    Message add(UUID conversationId, Role role, String content, Status status, JsonNode citations, List<UUID> proposalIds,
                List<String> problems, String model, String promptVersion) {
        return add(conversationId, role, content, null, status, citations, proposalIds, problems, model, promptVersion);
    }

    /**
     * Stores a message. {@code content} is what people see and the model remembers: already
     * checked. {@code refusedText} is what the model wrote when the check took something out;
     * it is kept for an admin's audit only, never shown in the conversation or replayed.
     */
    Message add(UUID conversationId, Role role, String content, String refusedText, Status status, JsonNode citations,
                List<UUID> proposalIds, List<String> problems, String model, String promptVersion) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = now();
        jdbc.sql("""
                insert into chat_message (id, conversation_id, role, content, tokens, refused_text, status, citations,
                    proposal_ids, problems, model, prompt_version, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, conversationId, role.name(), content, TokenCount.of(content), refusedText, status.name(),
                        citations.toString(), JSON.writeValueAsString(proposalIds), JSON.writeValueAsString(problems),
                        model, promptVersion, now)
                .update();
        return new Message(id, role, content, status, citations, proposalIds, problems, model, promptVersion, now);
    }

    /** An answer the output policy cut, with what the model wrote: for the workspace's admins. */
    record RefusedAnswer(UUID messageId, UUID conversationId, OffsetDateTime createdAt, List<String> problems,
                         String shown, String modelWrote) {
    }

    List<RefusedAnswer> refused(UUID workspaceId, int limit) {
        return jdbc.sql("""
                select m.id, m.conversation_id, m.created_at, m.problems, m.content, m.refused_text
                from chat_message m join conversation c on c.id = m.conversation_id
                where c.workspace_id = ? and m.refused_text is not null order by m.created_at desc, m.id limit ?""")
                .params(workspaceId, limit)
                .query((rs, n) -> new RefusedAnswer(rs.getObject("id", UUID.class), rs.getObject("conversation_id", UUID.class),
                        rs.getObject("created_at", OffsetDateTime.class),
                        List.of(JSON.readValue(rs.getString("problems"), String[].class)), rs.getString("content"),
                        rs.getString("refused_text")))
                .list();
    }

    List<Message> messages(UUID conversationId) {
        return jdbc.sql("select * from chat_message where conversation_id = ? order by seq").param(conversationId)
                .query((rs, n) -> message(rs)).list();
    }

    /**
     * The memory the model gets: the latest complete messages, newest kept first, as many as fit
     * in the token budget (each message's tokens are counted when it is stored). The database
     * picks them, so a long conversation is not read whole on every turn.
     */
    List<Message> memory(UUID conversationId, int tokenBudget) {
        return jdbc.sql("""
                select * from (
                  select m.*, sum(m.tokens) over (order by m.seq desc) as tokens_from_newest
                  from chat_message m where m.conversation_id = ? and m.status = ?) w
                where tokens_from_newest <= ? order by seq""")
                .params(conversationId, Status.COMPLETE.name(), tokenBudget)
                .query((rs, n) -> message(rs)).list();
    }

    private static Message message(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Message(rs.getObject("id", UUID.class), Role.valueOf(rs.getString("role")), rs.getString("content"),
                Status.valueOf(rs.getString("status")), JSON.readTree(rs.getString("citations")),
                List.of(JSON.readValue(rs.getString("proposal_ids"), UUID[].class)),
                List.of(JSON.readValue(rs.getString("problems"), String[].class)), rs.getString("model"),
                rs.getString("prompt_version"), rs.getObject("created_at", OffsetDateTime.class));
    }

    Proposal propose(UUID conversationId, String tool, JsonNode arguments, String summary) {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = now();
        jdbc.sql("insert into chat_proposal (id, conversation_id, tool, arguments, summary, status, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, conversationId, tool, arguments.toString(), summary, ProposalStatus.PROPOSED.name(), now)
                .update();
        return new Proposal(id, tool, arguments, summary, ProposalStatus.PROPOSED, null, now, null, null);
    }

    List<Proposal> proposals(UUID conversationId) {
        return jdbc.sql("select * from chat_proposal where conversation_id = ? order by created_at, id")
                .param(conversationId).query((rs, n) -> proposal(rs)).list();
    }

    Proposal proposal(UUID conversationId, UUID id) {
        return jdbc.sql("select * from chat_proposal where conversation_id = ? and id = ?").params(conversationId, id)
                .query((rs, n) -> proposal(rs)).optional()
                .orElseThrow(() -> ApiProblemException.notFound("Proposal", id));
    }

    /** Takes a proposal out of PROPOSED exactly once; false when it was decided already (or is being applied). */
    boolean claim(UUID id) {
        return jdbc.sql("update chat_proposal set status = 'APPLYING' where id = ? and status = 'PROPOSED'").param(id)
                .update() == 1;
    }

    void finish(UUID id, ProposalStatus status, JsonNode result, String decidedBy) {
        jdbc.sql("update chat_proposal set status = ?, result = ?, decided_at = ?, decided_by = ? where id = ?")
                .params(status.name(), result == null ? null : result.toString(), now(), decidedBy, id).update();
    }

    private static Proposal proposal(java.sql.ResultSet rs) throws java.sql.SQLException {
        String result = rs.getString("result");
        return new Proposal(rs.getObject("id", UUID.class), rs.getString("tool"), JSON.readTree(rs.getString("arguments")),
                rs.getString("summary"), ProposalStatus.valueOf(rs.getString("status")),
                result == null ? null : JSON.readTree(result), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("decided_at", OffsetDateTime.class), rs.getString("decided_by"));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
