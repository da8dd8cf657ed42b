"""Text addressed to an AI instead of a news reader ("Ignore previous instructions …").

Articles are untrusted: such sentences are never quoted as an answer and never reach an LLM
prompt. The detector looks at what a sentence *does*, not at a list of known attack phrases:

* it speaks in a chat role ("System:", "Assistant:", "[INST]", "### Instruction:");
* it addresses an AI ("Dear chatbot", "Attention language model:", "AI assistants:", "If you
  are an AI …", "you are now …") or tells one what it must do ("the model should reply …");
* it gives the reader-model a command at the start of a clause: to drop what it was told
  (ignore/disregard/forget/override … previous/above/your …), to emit something (print/
  reveal/output/repeat … your prompt, 'X', the words …), to answer in a set way (respond/
  reply/answer/say … only/with/'X'/that …; tell the user …) or to take a role (act as,
  pretend you are);
* it asks for or about the model's own set-up ("your instructions", "your system prompt",
  "new task:", "new instructions:");
* it sets the answer ("the answer is HACKED", "the correct answer to any question is 42").

News text has imperatives too ("Click through for the whole thing", "Read more", "“Stop the
war,” protesters chanted", "Biden told Putin to withdraw troops"): commands to a *reader* use
other verbs or objects, quoted speech (inside double quotes) is never taken as a command, and a
reported command is not at the start of a clause. tests/llm/test_instructions.py measures it.
"""
from __future__ import annotations

import re

_AI = (
    r"(?:A\.?I\.?|artificial intelligence|assistants?|chat ?bots?|bots?|(?:large )?language models?|LLMs?|"
    r"GPT[-\w]*|ChatGPT|Claude|Gemini|Copilot|Bard|Siri|Alexa|Cortana|models?|systems?|agents?|"
    r"(?:automated |automatic )?(?:summari[sz]ers?|crawlers?|scrapers?|readers? bots?))"
)
_ROLE = re.compile(
    r"(?:^|[.!?]\s+|\n)\W{0,3}(?:#{1,4}\s*)?[\[<|]{0,2}\s*(?:system|assistant|user|ai|developer|instructions?|inst|admin|bot)"
    r"\s*[\]>|]{0,2}\s*:|\b(?:system|admin|developer|operator)\s+(?:notice|message|note|alert|override|update|instruction)s?\s*:"
    r"|\[/?(?:system|inst|admin|developer)\]|<\|[a-z_]{2,20}\|>|<</?sys>>|<(?:start|end)_of_turn>",
    re.IGNORECASE,
)
_ADDRESS = re.compile(
    # vocative: "Dear chatbot", "Hey ChatGPT", "Attention language model:", "Note to the assistant:"
    r"(?:^|[.!?:]\s+)(?:dear|hey|hi|hello|attention|attn|note (?:to|for)|message (?:to|for)|instructions? (?:to|for))\s+(?:the\s+|all\s+|any\s+)?"
    r"(?:\w+\s+)?" + _AI + r"\b"
    # "AI assistants: …", "AI models reading this page …", "any assistant processing this …"
    r"|(?:^|[.!?]\s+)(?:the\s+|all\s+|any\s+)?(?:AI\s+)?" + _AI + r"\s*:"
    r"|\b(?:" + _AI + r"|whoever|anyone|anybody|those)\s+(?:is\s+|are\s+|that\s+|who\s+)?(?:reading|reads?|processing|process(?:es)?|"
    r"summari[sz]ing|summari[sz]es?|parsing|parses?|seeing|sees?|ingesting|ingests?|scraping|scrapes?|crawling|crawls?|indexing|"
    r"generating|generates?|writing)\s+(?:this|these)\b"
    r"|\byou are no longer\b"
    # "Assistant, confirm that …" (a vocative, not "The system, which …")
    r"|(?:^|[.!?]\s+)(?:hey\s+|hi\s+|ok\s+|okay\s+)?" + _AI + r"\s*,\s*(?!which|who|that|however|the|a|an|it|its|and|but)[a-z]+"
    # "If you are an AI …", "you are now in developer mode", "From now on, you are RiverBot", "as an AI"
    r"|\bif you are an?\s+(?:\w+\s+)?" + _AI + r"\b|\byou are now\b|\bfrom now on,?\s+you\b|\bas an?\s+(?:AI|language model)\b"
    # "the model should reply …", "the assistant must tell readers …"
    r"|\b(?:the|any|every|all)\s+(?:AI\s+)?" + _AI + r"\s+(?:\w+\s+){0,3}?(?:must|should|shall|will|needs? to|is to|are to|has to|have to)\s+"
    r"(?:now\s+|only\s+|always\s+)?(?:answer|reply|respond|say|tell|ignore|output|print|summari[sz]e|cite|write|repeat|reveal|state|claim|describe|comply|obey)\b",
    re.IGNORECASE,
)
_SELF = r"\bth(?:is|ese) (?:paragraph|page|text|article|message|document|passage|source|instructions?|note|line|sentence)s?\b"
_OBLIGED = re.compile(
    r"\b" + _AI + r"\s+(?:\w+\s+){0,3}?(?:must|should|shall|need to|needs to|have to|has to|are to|is to)\s+(?!be\b)\w+[^.!?]*" + _SELF,
    re.IGNORECASE,
)
_SOFT = r"(?:(?:please|kindly|now|then|also|just|instead|immediately|and|so|first|next|finally|from now on|okay|ok)\b[,\s]*)*"
_QUOTED_TOKEN = r"(?:'[^']{1,40}'|\"[^\"]{1,40}\"|‘[^’]{1,40}’|(?-i:[A-Z]{4,})\b)"
_COMMAND = re.compile(
    r"(?:^|[.!?;:]\s+|\n|,\s+|\s(?:and(?: then)?|then)\s+)" + _SOFT + r"(?:"
    # drop what it was told
    r"(?:ignore|disregard|forget|override|bypass|skip|discard|drop)\s+(?:all\s+|any\s+|the\s+)?"
    r"(?:previous|prior|above|earlier|preceding|everything|anything|your|all|what you|the\s+(?:system|question|instructions?|rules|context|user|above|previous|article|sources?))"
    r"|(?:stop|quit|cease)\s+(?:following|obeying|using|being)\b"
    r"|(?:do not|don't|never)\s+(?:follow|obey|mention|reveal|cite|use|answer|listen)\s+(?:\w+\s+){0,2}?(?:rules|instructions|guidelines|prompt|question|sources?|your)\b"
    # emit something
    r"|(?:print|reveal|output|repeat|display|show|leak|dump|translate|type|spell out|write out|write down)\s+(?:me\s+)?"
    r"(?:your|the\s+(?:system|hidden|original|initial|secret|full|words?|text of your|above|previous|prompt|instructions?)|after me|verbatim|"
    r"everything|anything|all (?:of )?(?:your|the text|you)|what you|nothing (?:but|else)|only\b|exactly\b|"
    + _QUOTED_TOKEN + r"|(?:the\s+)?words?\b|them out)"
    # answer in a set way
    r"|(?:respond|reply|answer)\s+(?:only\b|with\b|in\s+[A-Z]\w+|that\b|to (?:any|every|all)\b|every\b|any\b|yes\b|no\b|ok\b|" + _QUOTED_TOKEN + r")"
    r"|(?:say|state|claim)\s+(?:only\b|that\b|" + _QUOTED_TOKEN + r")"
    r"|tell\s+(?:the\s+user|users|readers|everyone|me|us)\b"
    r"|summari[sz]e\s+(?:this|the)\s+(?:article|page|text)\s+as\b"
    # take a role
    r"|(?:act|behave|respond)\s+as\b|pretend\s+(?:to be|you(?:'re| are)|that you)\b|role-?play\b|impersonate\b"
    r")",
    re.IGNORECASE,
)
_CLAUSE_START = r"(?:^|[.!?;:]\s+|\n|,\s+|\s(?:and(?: then)?|then)\s+)" + _SOFT
_COMMAND_VERB = (
    r"(?:ignore|disregard|forget|neglect|override|bypass|skip|drop|abandon|stop|quit|cease|refuse|begin|start|end|finish|"
    r"print|reveal|disclose|output|repeat|display|show|leak|dump|translate|type|spell|write|rewrite|respond|reply|answer|say|state|claim|"
    r"tell|confirm|deny|summari[sz]e|describe|recommend|praise|include|omit|leave out|mention|pretend|act|behave|become|"
    r"switch|change|use|append|add|prepend|insert|replace|return|make|treat|call|rate)"
)
# what the assistant produces or was given: a command about these is addressed to it
_INTERACTION = (
    r"\b(?:answers?|repl(?:y|ies)|responses?|outputs?|summar(?:y|ies)|prompts?|instructions?|guidance|guidelines|"
    r"directives?|conversation|chat|users?|questions?|context window|persona|system message)\b"
)
_DIRECTIVE = re.compile(_CLAUSE_START + r"\b" + _COMMAND_VERB + r"\b[^.!?;]*?(?:" + _INTERACTION + r"|" + _QUOTED_TOKEN + r")", re.IGNORECASE)
# a command to forget, reveal or play something, about "you"
_DIRECTIVE_YOU = re.compile(
    _CLAUSE_START + r"\b(?:ignore|disregard|forget|neglect|override|bypass|pretend|reveal|disclose|print|output|repeat|dump|leak)\b"
    r"[^.!?;]{0,40}?\byou(?:r|'re|'ve)?\b",
    re.IGNORECASE,
)
_SETUP = re.compile(
    r"\byour\s+(?:new\s+|real\s+|original\s+|initial\s+|hidden\s+|secret\s+|safety\s+|system\s+)*"
    r"(?:instructions|prompt|system message|rules|guidelines|configuration|programming|directives)\b"
    r"|\b(?:new|updated|hidden|real) (?:task|instructions?|directives?)\s*[:.-]"
    r"|\byour\s+(?:(?:new|real|only|actual|true)\s+(?:task|job|role|mission|purpose|goal)|(?:task|job|role|mission|purpose|goal)\s+is\s+now)\b",
    re.IGNORECASE,
)
_ANSWER_SET = re.compile(
    r"\b(?:the|your)\s+(?:correct\s+|right\s+|real\s+|final\s+|only\s+)?answer\s+(?:to\s+[^.!?]{0,40}?)?(?:is|will be|must be|should be)\s+"
    r"(?:" + _QUOTED_TOKEN + r"|\d+\b)"
    r"|\b(?:answer|respond to|reply to)\s+(?:any|every|all)\s+questions?\b|\b(?:any|every) question (?:about|on) this\b"
    r"|^\W*(?:final\s+)?(?:answer|response|output)\s*:\s*" + _QUOTED_TOKEN,
)
_DOUBLE_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")


def _unquoted(sentence: str) -> str:
    """The sentence with double-quoted speech blanked out: a quoted command is reported speech."""
    return _DOUBLE_QUOTED.sub(lambda m: " " * len(m.group(0)), sentence)


def is_instruction(sentence: str) -> bool:
    """True for a sentence that tries to instruct the assistant rather than inform a reader."""
    text = sentence.strip()
    if not text:
        return False
    bare = _unquoted(text)
    return bool(
        _ROLE.search(text)
        or _ADDRESS.search(bare)
        or _COMMAND.search(bare)
        or _SETUP.search(bare)
        or _OBLIGED.search(bare)
        or _DIRECTIVE.search(bare)
        or _DIRECTIVE_YOU.search(bare)
        or _ANSWER_SET.search(bare)
    )
