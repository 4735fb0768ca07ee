package com.journeyassistant.platform;

import java.text.Normalizer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Screens text that will reach a prompt (customer feedback, research insights, map text) for
 * attempts to instruct the assistant, in Dutch and English. Customers write about their
 * experience; an injection addresses the model. What gives it away:
 * <ul>
 *   <li>prompt markup: role tags, instruction headers, a fence that tries to close the data block;</li>
 *   <li>attempts to override instructions ("ignore previous instructions", "negeer alle regels");</li>
 *   <li>speaking to the assistant ("as an AI", "voor de AI die dit leest", "dear assistant");</li>
 *   <li>telling it what to do with its answer ("add … to your reply", "translate your response",
 *       "vertaal je antwoord");</li>
 *   <li>asking it to accept, approve or change things, or to pass on links, offers and images;</li>
 *   <li>assistant tasks that have nothing to do with a customer's experience ("write a script",
 *       "summarize the findings of", "determine the sentiment of this review");</li>
 *   <li>text hidden in invisible characters.</li>
 * </ul>
 * A flagged item is quarantined, not dropped: people can read, search and release it, but it
 * stays out of prompts until they do. The fence around data in prompts and the output policy
 * remain as the second and third wall.
 */
public final class InjectionScreen {

    private InjectionScreen() {
    }

    /** Whether the text looks like an injection, and why (null when it does not). */
    public record Verdict(boolean suspected, String reason) {
        public static final Verdict CLEAN = new Verdict(false, null);
    }

    private record Rule(String reason, Pattern pattern) {
    }

    /**
     * The rules are written in lower case and run on lower-cased text (case-insensitive matching
     * costs more), one sentence a line, so that {@code ^} is the start of every sentence.
     */
    private static Pattern p(String regex) {
        return Pattern.compile(regex, Pattern.MULTILINE);
    }

    // ------------------------------------------------------------------ shared vocabulary

    /** What the assistant writes: its answer, reply, response, output or summary. */
    private static final String ANSWER_EN = "your\\s+(?:(?:next|final|whole|entire)\\s+)?(?:answer|reply|response"
            + "|output|message|summary|completion|analysis|report|assessment|evaluation|overview|copy)(?:'s)?";
    private static final String ANSWER_NL = "(?:je|jouw|uw)\\s+(?:(?:volgende|hele)\\s+)?(?:antwoord|reactie|bericht"
            + "|samenvatting|output|tekst|analyse|rapport|overzicht)";
    /** Every text the assistant will write: "every message you write", "in elke samenvatting". */
    private static final String EVERY_TEXT_EN = "(?:every|each|all|any|the\\s+next|your\\s+next)\\s+(?:\\w+\\s+)?(?:message|email"
            + "|e-mail|answer|reply|response|summary|text|output|mail|variant|copy|post|report)s?\\s+(?:that\\s+)?you\\s+"
            + "(?:write|generate|produce|create|draft|output|give|make)\\b";
    private static final String EVERY_TEXT_NL = "(?:(?:in|onder|boven|bovenaan|onderaan|aan|bij|uit)\\s+(?:elke|iedere|al\\s+je"
            + "|je\\s+volgende)\\s+(?:mail|e-mail|bericht|antwoord|reactie|samenvatting|tekst|analyse|variant)(?:en|s)?"
            + "|(?:elke|iedere|alle)\\s+(?:mail|e-mail|bericht|antwoord|reactie|samenvatting|tekst)(?:en|s)?\\s+(?:die|dat)\\s+"
            + "(?:je|jij)\\s+(?:schrijft|maakt|genereert|opstelt|geeft))\\b";
    /** Verbs that tell a writer what to put in, or do to, a text. */
    private static final String EDIT_EN = "(?:add|include|insert|append|prepend|integrate|incorporate|mention|modify"
            + "|alter|rewrite|translate|encode|encrypt|decode|write|render|reverse|invert|use|replace|substitute|shift"
            + "|apply|express|augment|enhance|provide|format|convert|display|output|embed|promote|highlight"
            + "|summari[sz]e|attach|prefix|suffix|report|omit|exclude|hide|say|state|claim|mention|recommend)";
    private static final String EDIT_NL = "(?:voeg|zet|plaats|noem|vermeld|verwerk|herschrijf|vertaal|codeer|versleutel"
            + "|schrijf|gebruik|vervang|formatteer|promoot|benadruk|vat|zeg|meld|laat|verzwijg|toon)";
    /** Words for the assistant that customers do not use for a person who helped them. */
    private static final String ASSISTANT_EN = "(?:ai|a\\.i\\.|assistant|language\\s+model|llm|gpt|chatgpt|claude"
            + "|gemini|copilot)";
    private static final String ASSISTANT_NL = "(?:ai|a\\.i\\.|taalmodel|llm|chatgpt|gpt)";
    private static final String START = "^[\\s\"'“‘(*\\-•>]*(?:(?:please|pls|kindly|now|also|and|then|first|finally"
            + "|graag|alsjeblieft|aub|a\\.u\\.b\\.|nu|ook|en|dan|eerst|tot slot)[,:]?\\s+)*";
    private static final String RULE_WORDS_EN = "(?:instructions?|prompts?|rules|directions|guidelines|guidance"
            + "|directives|constraints|guardrails|system\\s+message|programming|context|orders)\\b";
    private static final String RULE_WORDS_NL = "(?:instructies?|opdrachten?|regels|richtlijnen|prompts?|systeemprompt"
            + "|beperkingen|aanwijzingen)\\b";

    /** A general-knowledge question, not one about the shop, its products or the customer's order. */
    private static final String NOT_ABOUT_US_EN = "(?![^.!?\\n]{0,80}\\b(?:you|your|this|these|those|two|both|my|our|us"
            + "|order|delivery|shipping|returns?|warranty|opening|store|shop|app|website|models?|sizes?|products?|speeds?"
            + "|prices?|costs?|options?|colou?rs?|versions?)\\b)";
    private static final String NOT_ABOUT_US_NL = "(?![^.!?\\n]{0,80}\\b(?:jullie|je|jouw|u|uw|deze|die|dit|twee|beide"
            + "|mijn|onze|ons|bestelling|bezorging|levering|verzend\\w*|retour\\w*|garantie|openingstijden|winkel|app"
            + "|website|kosten|modellen|model|maten|maat|producten|snelheden|prijzen|opties|kleuren|versies)\\b)";
    private static final String CAN_YOU = "(?:(?:can|could|would|will)\\s+you\\s+(?:please\\s+)?|(?:kun|kan|wil|zou)\\s+(?:je"
            + "|jij|u)\\s+(?:alsjeblieft\\s+)?)?";

    private static final List<Rule> RULES = List.of(
            // ---------------------------------------------------------- prompt markup
            new Rule("holds prompt markup (role tags or instruction headers)", p(
                    "<\\|?\\s*(?:im_start|im_end|endoftext|system|assistant|user|developer)\\s*\\|?>"
                            + "|\\[/?(?:inst|system|sys)]|<</?sys>>|</?\\s*(?:data|system|instructions?|prompt|context"
                            + "|tool|assistant)\\s*>|(?:^|\\n)\\s*#{1,4}\\s*(?:instructions?|instructies?|system|systeem"
                            + "|new task|task|nieuwe taak|opdracht)\\b"
                            + "|!?\\[[^\\]\\n]{0,200}]\\(\\s*(?:https?:)?//|<!--|\\[/?(?:system|assistant|user|instructions?)]"
                            + "|(?:^|\\n)\\s*(?:system|assistant|developer|systeem|assistent)\\s*(?:prompt)?\\s*:"
                            + "|(?:^|\\n)\\s*(?:user|human|gebruiker)\\s*:[^\\n]{0,200}\\b(?:assistant|ai|assistent)\\s*:"
                            + "|\\b(?:begin|end)\\s+(?:of\\s+)?(?:system\\s+prompt|instructions)\\b")),
            // ---------------------------------------------------------- overriding instructions
            new Rule("tries to override the assistant's instructions", p(
                    "\\b(?:ignore|disregard|forget|override|bypass|skip|drop|discard)\\s+(?:all\\s+|any\\s+|the\\s+|your\\s+"
                            + "|my\\s+|these\\s+|those\\s+)?(?:(?:previous|prior|above|earlier|preceding|original|initial|system"
                            + "|existing|current|former|other|given|safety)\\s+)+" + RULE_WORDS_EN
                            + "|\\b(?:ignore|disregard|forget|override|bypass)\\s+(?:all|any|your)\\s+(?:of\\s+your\\s+)?"
                            + RULE_WORDS_EN
                            + "|\\b(?:forget|disregard|ignore)\\s+(?:everything|all)\\s+(?:you\\s+(?:were|have\\s+been|know)"
                            + "|that\\s+(?:you|was)|above|before)\\b"
                            + "|\\b(?:negeer|vergeet|omzeil|overschrijf|schrap)\\s+(?:alle\\s+|je\\s+|jouw\\s+|de\\s+)?(?:(?:eerdere"
                            + "|vorige|bovenstaande|voorgaande|oorspronkelijke|huidige|andere|gegeven)\\s+)+" + RULE_WORDS_NL
                            + "|\\b(?:negeer|vergeet|omzeil|overschrijf)\\s+(?:alle|je|jouw)\\s+" + RULE_WORDS_NL
                            + "|\\b(?:vergeet|negeer)\\s+alles\\s+(?:wat\\s+(?:je|jij|hierboven|eerder)|hierboven|hiervoor)\\b"
                            + "|\\b(?:negeer|vergeet)\\s+(?:je|jouw|de)\\s+(?:opdracht|taak|rol)\\b"
                            + "|\\b(?:ignore|forget|abandon)\\s+(?:your|the)\\s+(?:task|role|assignment|job)\\b"
                            + "|(?:^|[.!?]\\s)\\s*(?:override|overschrijven|overschrijf|sudo|admin\\s+mode|debug\\s+mode)\\s*:"
                            + "|\\b(?:stop|quit)\\s+(?:following|obeying|using)\\s+(?:the|your)\\s+(?:\\w+\\s+)?(?:guidelines|rules"
                            + "|instructions|style\\s+guide|tone)\\b|\\bstop\\s+met\\s+(?:het\\s+)?(?:volgen|gebruiken)\\s+van\\s+de\\s+"
                            + "(?:huisstijl|regels|richtlijnen|instructies)\\b"
                            + "|\\b(?:your|je|jouw)\\s+(?:new|real|actual|next|nieuwe|echte|volgende)\\s+(?:task|job|role|assignment|taak"
                            + "|opdracht|rol)\\s*(?:is|:|=)|(?:^|[.!?]\\s)\\s*(?:new\\s+task|nieuwe\\s+taak|nieuwe\\s+opdracht)\\s*:"
                            + "|\\b(?:answer|respond\\s+to|beantwoord)\\s+(?:the\\s+following|this|deze|de\\s+volgende)\\s+(?:question"
                            + "|vraag)\\s+(?:instead|in\\s+plaats\\s+daarvan)\\b|\\b(?:instead|in\\s+plaats\\s+daarvan)\\s*[:,]?\\s*"
                            + "(?:answer|write|say|beantwoord|schrijf|zeg)\\b|\\b(?:beantwoord|answer)\\s+(?:in\\s+plaats\\s+daarvan"
                            + "|instead)\\b"
                            + "|\\b(?:print|show|dump|list|reveal|toon|geef)\\s+(?:me\\s+)?(?:your|je|jouw|the|de)\\s+(?:configuration"
                            + "|config|settings|environment|variables|api\\s+keys?|credentials|configuratie|instellingen"
                            + "|omgevingsvariabelen)\\b|\\blist\\s+(?:every|all)\\s+(?:files?|users?|customers?|tables?)\\s+(?:on|in"
                            + "|of)\\s+(?:your|the)\\s+(?:server|system|database)\\b"
                            + "|\\b(?:share|send|give|list|deel|stuur|geef)\\s+(?:me\\s+)?(?:the\\s+|de\\s+)?(?:contact\\s+details|e-?mail"
                            + "\\s+addresses|emails|phone\\s+numbers|addresses|personal\\s+data|contactgegevens|e-?mailadressen"
                            + "|telefoonnummers|adressen|persoonsgegevens)\\s+(?:of|from|van)\\s+(?:all|every|other|alle|andere)\\s+"
                            + "(?:customers|users|clients|klanten|gebruikers)\\b"
                            + "|\\b(?:respond|reply|reageer|antwoord)\\s+(?:to|op)\\s+(?:this|these|deze|dit)\\s+(?:review|reviews|feedback"
                            + "|comment|bericht)\\s+(?:with|met)\\s+(?:a|an|een)\\s+(?:link|url|image|afbeelding|coupon|kortingscode)\\b"
                            + "|\\b(?:stop|quit)\\s+being\\s+(?:a|an|the)\\b|\\bstop\\s+met\\s+\\w*(?:assistent|ai|model)\\s+zijn\\b"
                            + "|\\b(?:you\\s+are\\s+now|you're\\s+now|je\\s+bent\\s+nu|jij\\s+bent\\s+nu)\\s+(?:a|an|my|een|mijn)\\b"
                            + "|\\b(?:act|behave)\\s+as\\s+(?:my|a|an)\\s+(?:personal\\s+)?(?:\\w+\\s+)?(?:assistant|shopper|agent"
                            + "|advisor|salesman|seller|bot)\\b|\\bgedraag\\s+je\\s+als\\b"
                            + "|\\b(?:ignore|disregard|forget|override)\\s+(?:all\\s+(?:of\\s+)?|everything\\s+)?(?:the\\s+)?"
                            + "(?:above|previous|preceding|prior|foregoing)\\b(?!\\s+(?:email|e-mail|mail|message|order|complaint"
                            + "|review|comment|call|ticket|letter|note|question|request|one))"
                            + "|\\b(?:negeer|vergeet)\\s+(?:al\\s+)?(?:het\\s+)?(?:bovenstaande|voorgaande|alles\\s+hierboven"
                            + "|wat\\s+hierboven\\s+staat)\\b"
                            + "|\\b(?:reveal|show|print|output|repeat|display|leak|tell\\s+me|give\\s+me)\\s+(?:me\\s+)?(?:your|the)\\s+"
                            + "(?:(?:hidden|secret|system|initial|original|internal|full)\\s+)*(?:instructions|prompt|rules"
                            + "|guidelines|configuration)\\b"
                            + "|\\b(?:toon|geef|herhaal|onthul|laat\\s+(?:me\\s+)?zien)\\s+(?:me\\s+)?(?:je|jouw|de)\\s+"
                            + "(?:(?:verborgen|geheime|oorspronkelijke|volledige)\\s+)*(?:instructies|prompt|regels)\\b"
                            + "|\\bregardless\\s+of\\s+(?:the\\s+)?(?:content|what\\s+(?:it|the\\s+\\w+)\\s+says)\\b"
                            + "|\\bongeacht\\s+(?:de\\s+)?(?:inhoud|wat\\s+(?:er|het)\\s+staat)\\b"
                            + "|\\bsystem\\s?prompt\\b|\\bsysteemprompt\\b|\\bjailbreak\\b|\\bdeveloper\\s+mode\\b"
                            + "|\\bdo\\s+anything\\s+now\\b|\\bprompt\\s+injection\\b"
                            + "|\\bfrom\\s+now\\s+on\\s*,?\\s*(?:you|always|never|only|reply|answer|respond|act|pretend)\\b"
                            + "|\\bvanaf\\s+nu\\s*,?\\s*(?:(?:ben|moet|zal|ga|mag)\\s+)?(?:je|jij)\\b")),
            // ---------------------------------------------------------- speaking to the assistant
            new Rule("addresses the assistant", p(
                    "\\b(?:as|you\\s+are|you're)\\s+(?:an?|the)\\s+(?:helpful\\s+|large\\s+)?" + ASSISTANT_EN + "\\b"
                            + "|\\b(?:dear|hey|hi|hello|attention|note\\s+to(?:\\s+the)?|message\\s+to(?:\\s+the)?)\\s+"
                            + ASSISTANT_EN + "\\b(?!\\s+(?:manager|store|team|director|coach|teacher|of|at|in))"
                            + "|\\b(?:to|for)\\s+(?:the|any|all)\\s+(?:" + ASSISTANT_EN + "|model|bot|chatbot)s?\\s+"
                            + "(?:reading|processing"
                            + "|summari[sz]ing|analy[sz]ing|that\\s+reads|who\\s+reads|reading\\s+this)"
                            + "|\\b(?:if|when)\\s+you\\s+(?:are|'re)\\s+(?:an?\\s+)?(?:ai|assistant|language\\s+model|llm"
                            + "|chatbot|summari[sz]ing|reading\\s+this|processing\\s+this)"
                            + "|\\b(?:when|while|if|once)\\s+you\\s+(?:summari[sz]e|process|analy[sz]e|read|answer"
                            + "|respond\\s+to|reply\\s+to)\\s+(?:this|these|the\\s+(?:reviews?|feedback|text|data|comments?))\\b"
                            + "|\\b(?:als|wanneer|zodra)\\s+(?:je|jij)\\s+(?:dit|deze)\\s+(?:\\w+\\s+)?(?:samenvat|leest|verwerkt"
                            + "|analyseert)\\b"
                            + "|\\b(?:whoever|whatever|any\\s+ai)\\s+(?:is\\s+)?(?:reads?|reading|processes|processing)\\s+"
                            + "this\\b"
                            + "|\\b" + ASSISTANT_EN + "\\s*[,:]\\s*(?:please\\s+)?(?:you\\s+(?:must|should|will)|make\\s+sure"
                            + "|always|never|ignore|include|add|tell|say|write|respond|reply|answer|accept|approve)\\b"
                            + "|\\b(?:voor|aan)\\s+(?:de|het|elke|iedere)\\s+" + ASSISTANT_NL + "\\b"
                            + "|\\b(?:voor|aan)\\s+(?:de|het|elke|iedere)\\s+(?:assistent|chatbot|bot|model)\\s*"
                            + "(?:die\\s+(?:dit|deze)|:)"
                            + "|\\bals\\s+(?:een\\s+)?(?:ai|assistent|taalmodel|chatbot)\\s+(?:moet|mag|zou|ben|kun|kan)\\b"
                            + "|\\b(?:instructions?|message|note|request|command|task|instructies?|opdracht|bericht|verzoek"
                            + "|taak)\\s+(?:for|to|voor|aan)\\s+(?:the\\s+|any\\s+|all\\s+|het\\s+|de\\s+)?(?:" + ASSISTANT_EN
                            + "|" + ASSISTANT_NL + "|model|bot|chatbot|assistent)s?\\b"
                            + "|" + START + CAN_YOU + "(?:pretend|imagine)\\s+(?:that\\s+)?(?:you\\s+are|you're|to\\s+be)\\b"
                            + "|" + START + CAN_YOU + "(?:act|behave|respond|answer|write|speak|talk)\\s+(?:as\\s+if\\s+you|like\\s+a"
                            + "|as\\s+a|as\\s+an)\\b|" + START + "(?:roleplay|role-play)\\b"
                            + "|" + START + CAN_YOU + "(?:doe|gedraag\\s+je)\\s+(?:alsof\\s+(?:je|jij)|als\\s+(?:een|de))\\b"
                            + "|" + START + "(?:stel\\s+je\\s+voor\\s+dat\\s+(?:je|jij)|speel\\s+(?:de\\s+rol|een\\s+rol))\\b"
                            + "|\\b(?:beste|hallo|hoi|lieve|hey)\\s+(?:" + ASSISTANT_NL + "|assistent)\\b"
                            + "|\\b(?:the|this|any|every)\\s+(?:" + ASSISTANT_EN + "|model|bot|chatbot)\\s+(?:must|should|has\\s+to"
                            + "|needs\\s+to|will|shall)\\s+(?:always\\s+|never\\s+|now\\s+|also\\s+)?(?:recommend|mention|say|write"
                            + "|include|add|answer|reply|respond|approve|accept|ignore|promote|use|tell)\\b"
                            + "|\\b(?:de|het|elke|iedere)\\s+(?:" + ASSISTANT_NL + "|assistent|model|bot|chatbot)\\s+(?:moet|mag|zal"
                            + "|hoort)\\s+(?:altijd\\s+|nooit\\s+|nu\\s+|ook\\s+)?(?:in\\s+\\w+\\s+\\w+\\s+)?(?:\\w+\\s+){0,3}?"
                            + "(?:aanraden|noemen|zeggen|schrijven|toevoegen|antwoorden|goedkeuren|accepteren|negeren|promoten)\\b"
                            + "|\\b(?:let\\s+op|attentie|ps|p\\.s\\.|nb|n\\.b\\.)\\s*,?\\s*(?:aan\\s+)?(?:de\\s+|het\\s+)?"
                            + "(?:" + ASSISTANT_NL + "|assistent)\\b"
                            + "|\\b(?:attention|ps|p\\.s\\.|nb|n\\.b\\.)\\s*,?\\s*(?:to\\s+)?(?:the\\s+)?" + ASSISTANT_EN + "\\b"
                            + "|\\b(?:je|jij)\\s+bent\\s+(?:nu\\s+)?(?:een\\s+)?(?:ai|assistent|taalmodel|chatbot)\\b"
                            + "|\\b(?:" + ASSISTANT_NL + "|assistent)\\s*[,:]\\s*(?:zorg|let\\s+op|je\\s+moet|negeer|voeg|zeg|schrijf"
                            + "|antwoord|accepteer|keur)\\b")),
            // ---------------------------------------------------------- instructions for the answer
            new Rule("tells the assistant what to write in its answer", p(
                    "\\b" + EDIT_EN + "\\b[^.!?\\n]{0,80}?\\b(?:in|to|into|within|for|from|of|at|with|using|on)\\s+"
                            + ANSWER_EN + "\\b"
                            + "|\\b" + EDIT_EN + "\\s+" + ANSWER_EN + "\\b"
                            + "|\\b" + EDIT_EN + "\\b[^.!?\\n]{0,60}?\\bto\\s+\\w+\\s+" + ANSWER_EN + "\\b"
                            + "|\\b(?:in|to|into|within)\\s+" + ANSWER_EN + "\\s*,?\\s*(?:please\\s+)?" + EDIT_EN + "\\b"
                            + "|\\b" + EDIT_NL + "\\b[^.!?\\n]{0,80}?\\b(?:in|aan|aan het (?:begin|eind|einde) van|onder"
                            + "|boven|onderaan|bovenaan|onderin|achter|na|uit|van)\\s+" + ANSWER_NL + "\\b"
                            + "|\\b" + EDIT_NL + "\\s+" + ANSWER_NL + "\\b"
                            + "|\\b(?:in|onder)\\s+" + ANSWER_NL + "\\s*,?\\s*" + EDIT_NL + "\\b"
                            + "|\\b" + EVERY_TEXT_EN + "|\\b" + EVERY_TEXT_NL
                            + "|\\b(?:end|begin|start|finish|close)\\s+(?:every|each|all)\\s+(?:sentence|line|paragraph|answer)s?\\s+"
                            + "with\\b|\\b(?:eindig|begin|start|sluit)\\s+(?:elke|iedere|alle)\\s+(?:zin|regel|alinea|antwoord)(?:nen"
                            + "|s|en)?\\s+(?:met|af\\s+met)\\b"
                            + "|\\b(?:before|after|when)\\s+(?:answering|replying|responding|summari[sz]ing|generating|writing)\\b"
                            + "[^.!?\\n]{0,60}?\\b" + EDIT_EN + "\\b"
                            + "|\\b(?:voor|na|bij)\\s+(?:je|jouw|het)\\s+(?:antwoord|antwoorden|samenvatten|schrijven\\s+van"
                            + "\\s+\\w+)\\b[^.!?\\n]{0,60}?\\b" + EDIT_NL + "\\b"
                            + "|\\b" + EDIT_NL + "\\s+(?:voor|boven|onder|na)\\s+" + ANSWER_NL + "\\b"
                            + "|\\b(?:output|format|return|give|geef)\\s+(?:your|je|jouw)\\s+(?:answer|reply|response|output"
                            + "|antwoord|reactie)\\s+(?:as|in|als)\\s+(?:json|xml|yaml|csv|html|markdown|code)\\b"
                            + "|\\b(?:the\\s+)?(?:answer|reply|response|output|summary|analysis)\\s+you\\s+(?:give|write"
                            + "|generate|produce|provide)\\b"
                            + "|\\b(?:het|de)\\s+(?:antwoord|reactie|samenvatting|tekst|analyse)\\s+(?:die|dat)\\s+(?:je|jij)\\s+"
                            + "(?:geeft|schrijft|maakt|genereert)\\b"
                            + "|\\b(?:make\\s+sure|ensure|be\\s+sure)\\s+(?:that\\s+)?(?:your|each|every)\\s+(?:answer|reply"
                            + "|response|output|summary|analysis|copy)\\b"
                            + "|\\b(?:zorg\\s+(?:er\\s*)?(?:voor\\s+)?dat|let\\s+erop\\s+dat)\\s+(?:je|jouw|elk|ieder)\\s+"
                            + "(?:antwoord|reactie|samenvatting|analyse|bericht|mail|tekst)\\b"
                            + "|\\b(?:begin|start|end|finish|open|close|conclude|prefix|sign)\\s+(?:each\\s+|every\\s+)?(?:your"
                            + "|each|every)\\s+(?:answer|reply|response|output|message|summary|email|mail|sentence)s?\\s+with\\b"
                            + "|\\b(?:begin|start|eindig|sluit|open|onderteken)\\s+(?:je|jouw|elke|ieder(?:e)?)\\s+(?:antwoord"
                            + "|reactie|bericht|samenvatting|mail|e-mail)\\s+(?:met|af\\s+met)\\b"
                            + "|" + START + CAN_YOU + "(?:output|print|say|type|return|repeat|zeg|typ|herhaal)\\s+(?:only\\s+|just"
                            + "\\s+|alleen\\s+)?(?:the\\s+|het\\s+)?(?:words?|phrase|text|following|string|sentence|woord|zin"
                            + "|volgende)\\b"
                            + "|\\b(?:summari[sz]e|classify|rate|label|mark|treat|tag|report|count|score)\\s+(?:this|the|these)\\s+"
                            + "(?:review|feedback|comment|complaint|text|message|ticket)s?\\s+as\\b(?!\\s+(?:urgent|a\\s+priority"
                            + "|priority|formal|official|confidential|a\\s+(?:formal\\s+)?complaint|received))"
                            + "|\\b(?:markeer|beschouw|classificeer|behandel|tel|rapporteer|vat)\\s+(?:deze|dit|de)\\s+(?:review"
                            + "|feedback|klacht|opmerking|reactie|ticket)\\s+(?:als|samen\\s+als)\\b(?!\\s+(?:dringend|urgent"
                            + "|formeel|officieel|een\\s+(?:formele\\s+)?klacht|ontvangen))")),
            new Rule("tells the assistant how to write its answer", p(
                    START + CAN_YOU + "(?:reply|respond|answer|write|translate|render|provide\\s+(?:it|this)|encode"
                            + "|encrypt|antwoord|antwoorden|beantwoord|reageer|reageren|schrijf|schrijven|vertaal|vertalen)\\b[^.!?\\n]{0,40}?\\b(?:in|using|with|into"
                            + "|met|naar|als|in het)\\s+(?:a\\s+|an\\s+|het\\s+)?(?:reverse|backwards?|base\\s?\\d+"
                            + "|emojis?|cipher|caesar|french|german|spanish|italian|portuguese|chinese|russian|japanese"
                            + "|latin|pig\\s+latin|morse|binary|hex(?:adecimal)?|all\\s+caps|uppercase|rhymes?|verse"
                            + "|poem|haiku|pirate|frans|duits|spaans|italiaans|portugees|chinees|russisch|japans"
                            + "|omgekeerde?|achterstevoren|hoofdletters|rijm|gedicht|capital\\s+letters|lowercase|kleine"
                            + "\\s+letters|slang|jargon|dialect)\\b"
                            + "|" + START + CAN_YOU + "(?:reply|respond|answer|antwoord|reageer)\\s+(?:only|always|exclusively|from\\s+now"
                            + "\\s+on|voortaan|alleen|altijd|nog)\\b[^.!?\\n]{0,40}?\\b(?:with|in|using|met|in\\s+het)\\b")),
            // ---------------------------------------------------------- requested actions
            new Rule("asks the assistant to accept or change things", p(
                    "\\b(?:accept|approve|confirm|reject|decline|delete|remove|publish|apply|merge)\\s+(?:all|every"
                            + "|each|any|the|these|those)?\\s*(?:(?:open|pending|outstanding|new|existing|other)\\s+)?"
                            + "(?:suggestions|proposals|opportunities|personas|variants|drafts)\\b"
                            + "|\\b(?:accept|approve|apply|merge|publish)\\s+(?:all|every)\\s+(?:\\w+\\s+)?(?:changes|items"
                            + "|requests)\\b"
                            + "|\\b(?:accept|approve|reject)\\s+(?:this|the)\\s+(?:suggestion|proposal|change)\\b"
                            + "|\\b(?:accepteer|keur|bevestig|verwijder|wijs|publiceer)\\s+(?:alle|elke|iedere|de|deze)?\\s*"
                            + "(?:openstaande\\s+|nieuwe\\s+|andere\\s+)?(?:suggesties?|voorstellen?|kansen"
                            + "|persona'?s|varianten|concepten)\\b"
                            + "|\\b(?:accepteer|keur|publiceer)\\s+(?:alle|elke|iedere)\\s+(?:\\w+\\s+)?wijzigingen\\b")),
            new Rule("asks the assistant to pass on links, offers or images", p(
                    "\\b(?:include|add|insert|append|mention|promote|recommend|advertise|share|post|send)\\b[^.!?\\n]{0,60}?"
                            + "(?:www\\.|https?://|(?<![@\\w.-])(?:[a-z0-9-]+\\.)+(?:com|net|org|io|xyz|shop|info|biz)\\b)"
                            + "|\\b(?:tell|ask|urge|invite|encourage|suggest|remind)\\s+(?:the\\s+)?(?:users?|readers?"
                            + "|customers?|visitors?|everyone|people)\\s+(?:to\\s+)?(?:visit|click|go\\s+to|subscribe|sign"
                            + "\\s+up|share|send|transfer|buy|download|call)\\b"
                            + "|\\b(?:voeg|zet|plaats|noem|vermeld|deel|stuur)\\b[^.!?\\n]{0,60}?(?:www\\.|https?://"
                            + "|(?<![@\\w.-])(?:[a-z0-9-]+\\.)+(?:nl|com|net|org|io|xyz|shop|be|eu|biz)\\b)[^.!?\\n]{0,40}?\\b(?:toe|in"
                            + "|bij|door|onder|boven)\\b"
                            + "|\\b(?:vraag|vertel|zeg)\\s+(?:de\\s+)?(?:gebruikers?|lezers?|klanten|bezoekers|iedereen)\\s+"
                            + "(?:om\\s+)?(?:te\\s+)?(?:naar|op|bezoeken|klikken|abonneren|delen|sturen|overmaken)\\b")),
            // ---------------------------------------------------------- assistant tasks, not experiences
            new Rule("asks for an assistant task that has nothing to do with a customer's experience", p(
                    START + CAN_YOU + "(?:write|compose|generate|create|draft|code|program)\\s+(?:me\\s+)?(?:a|an|some)\\s+"
                            + "(?:[\\w]+[\\s-]+){0,2}?(?:script|program|code|function|command|query|poem|story|essay|song|haiku"
                            + "|limerick|sonnet|rap|joke|recipe|tweet|article|letter|novel|speech|summary)\\b"
                            + "|" + START + CAN_YOU + "(?:provide|give|list|share|show)\\s+(?:me\\s+|us\\s+)?(?:a|an|the|some)?\\s*"
                            + "(?:\\w+\\s+){0,1}?(?:command|list|insights?|overview|analysis|summary|code|script|steps"
                            + "|instructions|tips|examples?|facts|statistics|timeline|history)\\s+(?:to|of|on|into|for"
                            + "|about|that|how)\\b"
                            + "|" + START + CAN_YOU + "(?:show|tell|teach|explain\\s+to)\\s+(?:me|us)\\s+how\\s+to\\b"
                            + "|" + START + "how\\s+(?:can|do|should|could|would)\\s+(?:i|we|one)\\s+(?:(?:automatically|automate)"
                            + "\\s+(?:back|send|sending|rename|renaming|copy|copying|schedul|post|run|download)|back\\s?up\\s+(?:my|all|the)"
                            + "\\s+(?:files|documents|computer|data|photos|folder)|schedule\\s+a\\s+(?:task|job|script|cron)"
                            + "|script|program|code\\s+(?:a|in)|hack|invest\\s+in|learn\\s+to\\s+code"
                            + "|improve\\s+(?:my|our)\\s+\\w+(?:\\s+\\w+)?\\s+skills)"
                            + "|" + START + CAN_YOU + "(?:analy[sz]e|assess|evaluate|forecast|predict)\\s+the\\s+(?:\\w+\\s+)?"
                            + "(?:trends?|market|impact|data|performance|growth|future|effects?)\\b"
                            + "|" + START + "what\\s+are\\s+the\\s+(?:top|major|main|biggest|key|best|latest|most\\s+\\w+"
                            + "|benefits|risks|pros|advantages|disadvantages|drawbacks|causes|effects)\\b" + NOT_ABOUT_US_EN
                            + "|" + START + "how\\s+(?:does|do|did)\\s+[^.!?\\n]{3,60}?\\s+(?:impact|affect|influence)\\b"
                            + "|" + START + "how\\s+(?:have|has)\\s+[^.!?\\n]{3,60}?\\s+(?:changed|evolved|developed)\\b"
                            + "|" + START + "what\\s+(?:movies|films|shows|books|songs|games|concerts|events)\\s+(?:are|is)\\b"
                            + "|" + START + CAN_YOU + "(?:recommend|suggest)\\s+(?:me\\s+)?(?:\\w+\\s+){0,3}?(?:books?|movies?"
                            + "|films?|restaurants?|recipes?|songs?|podcasts?|series|shows?|games?|destinations?"
                            + "|getaways?|trips?|vacations?|hotels?|reads?)\\b"
                            + "|" + START + CAN_YOU + "help\\s+me\\s+(?:with|write|find|plan|create|make|cook)\\s+(?:a|an|my)\\s+"
                            + "(?:\\w+\\s+)?(?:recipe|essay|homework|code|script|poem|story|itinerary|resume|cv|speech)\\b"
                            + "|" + START + CAN_YOU + "(?:summari[sz]e|describe|explain|outline)\\s+the\\s+(?:\\w+\\s+){0,2}?"
                            + "(?:findings|results|report|article|paper|study|plot|advancements?|history|developments?"
                            + "|causes|benefits|risks|theory|events)\\s+(?:of|in|on|from|about)\\b"
                            + "|" + START + CAN_YOU + "(?:tell|vertel)\\s+(?:me\\s+|us\\s+|ons\\s+)?(?:a|an|een)\\s+(?:\\w+\\s+)?(?:joke"
                            + "|story|riddle|fun\\s+fact|poem|mop|grap|verhaal|raadsel|gedicht)\\b"
                            + "|" + START + CAN_YOU + "(?:explain|leg)\\s+[^.!?\\n]{1,60}?\\s+(?:in\\s+(?:simple|plain|easy|layman'?s)"
                            + "\\s+(?:terms|words|language)|like\\s+i'?m\\s+(?:five|5)|uit\\s+in\\s+(?:eenvoudige|simpele|makkelijke|jip"
                            + "-en-janneke)\\s*(?:woorden|taal)?)"
                            + "|" + START + CAN_YOU + "(?:list|give|name|noem|geef|maak)\\s+(?:me\\s+)?(?:a\\s+list\\s+of\\s+|een\\s+lijst"
                            + "\\s+(?:van|met)\\s+)?(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|twee|drie|vier|vijf|zes|zeven"
                            + "|acht|negen|tien)\\s+(?:\\w+\\s+)?(?:tips|ideas|ways|reasons|facts|examples|steps|books|movies|ideeën"
                            + "|manieren|redenen|feiten|voorbeelden|stappen|boeken|films)\\b"
                            + "|" + START + "(?:what|who|when|where)\\s+(?:is|was|are|were)\\s+the\\s+(?:capital|population|meaning"
                            + "|definition|history|origin|inventor|president|author|tallest|largest|highest|longest|oldest)\\b"
                            + "|" + START + "(?:wat|wie|wanneer|waar)\\s+(?:is|was|zijn|waren)\\s+de\\s+(?:hoofdstad|betekenis|definitie"
                            + "|geschiedenis|oorsprong|uitvinder|president|schrijver|hoogste|grootste|langste|oudste)\\b"
                            + "|" + START + "(?:what'?s|what\\s+is|how'?s|how\\s+is|how\\s+will)\\s+the\\s+weather\\b"
                            + "|" + START + CAN_YOU + "(?:tell|vertel)\\s+(?:me|us|ons)\\s+(?:(?:more\\s+)?about|over|meer\\s+over)\\s+"
                            + "(?:the\\s+|de\\s+|het\\s+)?(?:history|geschiedenis|origins?|oorsprong|life|leven|war|oorlog|theory"
                            + "|theorie|meaning|betekenis)\\s+(?:of|van)\\b"
                            + "|" + START + "(?:what\\s+is|what'?s|wat\\s+is)\\s+(?:the\\s+|de\\s+)?(?:best|quickest|fastest|easiest"
                            + "|beste|snelste|makkelijkste)\\s+(?:way|manier)\\s+(?:to|om)\\s+(?:lose\\s+weight|get\\s+rich|make\\s+money"
                            + "|learn|invest|hack|study|sleep|af\\s+te\\s+vallen|snel\\s+af|rijk|geld\\s+te\\s+verdienen|te\\s+leren"
                            + "|te\\s+beleggen|te\\s+slapen)"
                            + "|" + START + CAN_YOU + "(?:suggest|give|come\\s+up\\s+with|think\\s+of|bedenk|verzin|geef)\\s+(?:me\\s+)?"
                            + "(?:\\d+|a\\s+few|some|two|three|five|ten|twee|drie|vijf|tien|een\\s+paar)\\s+(?:\\w+\\s+)?(?:names|namen"
                            + "|titles|titels|slogans|jokes|moppen)\\s+(?:for|voor)\\s+(?:my|mijn)\\b"
                            + "|\\bhow\\s+(?:do|can|to)\\s+(?:i\\s+)?(?:make|build|buy)\\s+(?:a\\s+)?(?:bomb|weapon|gun|explosive|drugs"
                            + "|meth)\\b|\\bhoe\\s+maak\\s+ik\\s+(?:een\\s+)?(?:bom|wapen|explosief|drugs)\\b"
                            + "|" + START + "hoe\\s+(?:wordt|is)\\s+het\\s+weer\\b"
                            + "|" + START + CAN_YOU + "(?:solve|calculate|compute|work\\s+out)\\s+(?:this|the|a|my)?\\s*(?:math|maths"
                            + "|equation|sum|problem|compound|interest|integral|derivative|square\\s+root)\\b"
                            + "|" + START + CAN_YOU + "(?:los|bereken)\\s+(?:deze|de|dit|een)?\\s*(?:som|rekensom|vergelijking|rente"
                            + "|wortel|integraal|sommetje)\\b|" + START + "bereken\\s+de\\s+(?:rente|wortel|oppervlakte|afstand\\s+naar)\\b"
                            + "|" + START + "(?:who|which\\s+(?:team|country|player))\\s+(?:won|invented|discovered|wrote|directed"
                            + "|painted|is\\s+the\\s+(?:president|king|queen|ceo))\\b"
                            + "|" + START + "(?:wie|welk(?:e)?\\s+(?:land|team|speler))\\s+(?:won|heeft\\s+\\w+\\s+gewonnen"
                            + "|uitvond|ontdekte|schreef|is\\s+de\\s+(?:president|koning|koningin))\\b"
                            + "|" + START + CAN_YOU + "(?:give|send|find|share|geef|stuur|zoek)\\s+(?:me\\s+|us\\s+)?(?:a|an|some|een)\\s+"
                            + "(?:\\w+\\s+)?(?:recipe|recept)\\b"
                            + "|" + START + CAN_YOU + "(?:create|make|design|build|plan|draft|maak|ontwerp|stel)\\s+(?:me\\s+)?(?:a|an"
                            + "|een)\\s+(?:\\w+\\s+){0,2}?(?:workout|training|diet|meal|study|travel|business|marketing|lesson"
                            + "|trainings|dieet|maaltijd|studie|reis|les)\\s*-?(?:plan|schedule|schema|program|programma)\\b"
                            + "|" + START + CAN_YOU + "(?:draft|write|compose|schrijf|stel)\\s+(?:me\\s+)?(?:an?|een)\\s+(?:e-?mail|mail"
                            + "|letter|brief)\\s+(?:to|aan|naar)\\s+(?:my|mijn)\\s+(?:landlord|boss|teacher|neighbou?r|ex|huisbaas|baas"
                            + "|leraar|buurman|buurvrouw)\\b"
                            + "|" + START + CAN_YOU + "(?:write|draft|compose|schrijf)\\s+(?:me\\s+)?(?:a|an|een)\\s+(?:cover\\s+letter"
                            + "|resume|cv|essay|thesis|sollicitatiebrief|motivatiebrief|scriptie|werkstuk|opstel)\\b"
                            + "|" + START + CAN_YOU + "(?:name|list|noem)\\s+(?:the\\s+|de\\s+)?(?:top|best|biggest|beste|grootste)\\s+"
                            + "(?:\\d+|three|five|ten|drie|vijf|tien)\\b"
                            + "|" + START + CAN_YOU + "(?:describe|beschrijf|summari[sz]e|vat)\\s+(?:the|de|het)\\s+(?:plot|story|ending"
                            + "|verhaal|plot|einde)\\s+(?:of|van)\\b"
                            + "|\\b(?:determine|analy[sz]e|classify|identify|detect|assess|rate|label)\\s+the\\s+"
                            + "(?:sentiment|mood|tone|emotion|polarity)\\s+of\\b"
                            + "|\\bis\\s+this\\s+(?:feedback|review|comment|text|tweet|sentence|message|post)\\s+(?:positive"
                            + "|negative)\\b"
                            + "|" + START + CAN_YOU + "(?:schrijf|maak|genereer)\\s+(?:me\\s+)?(?:een)\\s+(?:[\\w]+[\\s-]+){0,2}?"
                            + "(?:script|programma|code|query|gedicht|haiku|limerick|sonnet|rap|verhaal|opstel|lied|grap|mop"
                            + "|recept|tweet|artikel|brief|samenvatting)\\b"
                            + "|" + START + CAN_YOU + "(?:geef|noem|toon|maak)\\s+(?:me\\s+)?(?:een\\s+)?(?:lijst|overzicht|analyse"
                            + "|samenvatting|tips|voorbeelden|commando|stappenplan)\\s+(?:van|met|over|om|voor)\\b"
                            + "|" + START + "hoe\\s+(?:kan|moet)\\s+ik\\s+(?:automatisch|een\\s+back-?up|mijn\\s+\\w+\\s+"
                            + "(?:vaardigheden|skills)|programmeren|beleggen)"
                            + "|" + START + "wat\\s+zijn\\s+de\\s+(?:belangrijkste|grootste|beste|voordelen|nadelen|risico'?s"
                            + "|oorzaken|gevolgen)\\b" + NOT_ABOUT_US_NL
                            + "|" + START + CAN_YOU + "(?:vat|analyseer|beschrijf)\\s+(?:de|het)\\s+(?:\\w+\\s+){0,2}?"
                            + "(?:bevindingen|resultaten|rapport|artikel|trend|markt|geschiedenis|ontwikkelingen)\\b"
                            + "|\\b(?:bepaal|analyseer|classificeer)\\s+(?:het|de)\\s+(?:sentiment|toon|stemming)\\s+van\\b"
                            + "|" + START + CAN_YOU + "(?:raad|beveel)\\s+(?:me\\s+)?(?:een\\s+)?(?:\\w+\\s+){0,2}?"
                            + "(?:boek|film|restaurant|recept|serie|podcast|spel|bestemming|reis|hotel)\\w*\\s+aan\\b")));

    /**
     * Invisible characters that split or hide text. An emoji's zero-width joiner (👨‍👩‍👧), a
     * variation selector and a byte-order mark at the very start are ordinary, and not counted.
     */
    static boolean hidesText(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            boolean hiding = switch (c) {
                case 0xFEFF -> i > 0;
                case 0x200D -> !(i > 0 && isEmoji(text.codePointBefore(i)) && next < text.length()
                        && isEmoji(text.codePointAt(next)));
                default -> InvisibleCharacters.is(c);
            };
            if (hiding) {
                return true;
            }
            i = next;
        }
        return false;
    }

    private static boolean isEmoji(int c) {
        return Character.getType(c) == Character.OTHER_SYMBOL || (c >= 0x1F3FB && c <= 0x1F3FF) || c == 0xFE0F
                || (c >= 0x2640 && c <= 0x2642) || (c >= 0x2600 && c <= 0x27BF);
    }

    private static final Pattern SENTENCE_BOUNDARY = Pattern.compile("(?<=[.!?])\\s+|\\n+");

    /** The verdict on one text. */
    public static Verdict screen(String text) {
        if (text == null || text.isBlank()) {
            return Verdict.CLEAN;
        }
        if (hidesText(text)) {
            return new Verdict(true, "hides text in invisible characters");
        }
        String normal = InvisibleCharacters.removed(Normalizer.normalize(text, Normalizer.Form.NFKC))
                .replace('’', '\'').replace('‘', '\'').toLowerCase(java.util.Locale.ROOT);
        String lines = SENTENCE_BOUNDARY.matcher(normal).replaceAll("\n");
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(lines).find()) {
                return new Verdict(true, rule.reason());
            }
        }
        return Verdict.CLEAN;
    }
}
