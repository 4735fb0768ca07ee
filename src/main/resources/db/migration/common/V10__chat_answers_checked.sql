-- Chat answers are checked before they are stored: content is what people see and the model
-- remembers. When the check took something out, what the model wrote goes to refused_text, for
-- an admin's audit only (never shown in the conversation, never replayed).
alter table chat_message add column refused_text varchar(40000);

-- Answers stored before this check existed and flagged with problems: their text moves to the
-- audit column, so it is neither shown nor replayed any more.
update chat_message
set refused_text = content,
    content = '(withheld: this answer was stored before answers were checked)'
where role = 'ASSISTANT' and problems <> '[]' and status = 'COMPLETE';
