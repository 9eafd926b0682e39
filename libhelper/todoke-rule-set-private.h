/* todoke-rule-set-private.h: the loaded reasons, providers and rules
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "todoke-matcher-concept-private.h"
#include "todoke-matcher-private.h"
#include "todoke-record-private.h"
#include "todoke-rule-set.h"

G_BEGIN_DECLS

struct _TodokeGuideBook;

/* Everything is built while loading; afterwards nothing in it changes, so
 * one rule set serves any number of threads. */
struct _TodokeRuleSet
{
  GHashTable *reasons;      /* interned id -> TodokeReasonInfo (owned) */
  GPtrArray  *reason_ids;   /* declaration order */
  GPtrArray  *providers;    /* TodokeProvider (owned) */
  GHashTable *word_classes; /* interned id -> TodokeWordClass (owned) */
  GPtrArray  *rules;        /* TodokeRule (owned), in priority order */
  GHashTable *rule_ids;     /* interned id set, for duplicate checks */
  GPtrArray  *bounce_rules; /* the rules that apply inside bounces, in order (borrowed) */
  GPtrArray  *send_rules;   /* the rules that apply to replies while sending (borrowed) */
  GHashTable *domain_index; /* lower-case domain -> provider id (interned) */
  GHashTable *host_index;   /* lower-case host name -> provider id (interned) */
  GBytes     *guides_xml;   /* nullable; parsed by todoke-guide-book-parser.c */
  gsize       guide_book;   /* struct _TodokeGuideBook *, built once, on first use */
};

typedef enum
{
  TODOKE_CONTEXT_BOUNCE = 1 << 0,   /* a bounce message or a remote reply inside one */
  TODOKE_CONTEXT_SEND   = 1 << 1,   /* a reply the user's own client got while sending */
} TodokeContext;

typedef enum
{
  TODOKE_SEVERITY_RULE_FIXED = 0,
  TODOKE_SEVERITY_RULE_HARD_IF_PERMANENT,
} TodokeSeverityRule;

/* One declared reason id (todoke-reasons.xml). Strings are interned. */
typedef struct
{
  const char         *id;
  const char         *parent;          /* NULL for top-level ids */
  TodokeSeverity      severity;
  TodokeSeverityRule  severity_rule;
  TodokeOwner         owner;
  gboolean            retry;
  const char         *group;
} TodokeReasonInfo;

typedef struct
{
  const char  *id;                     /* interned */
  char        *name;
  GPtrArray   *domains;                /* (element-type utf8): recipient domains */
  GPtrArray   *hosts;                  /* (element-type utf8): MTA host names */
  GPtrArray   *markers;                /* TodokePhrase: the provider's own marks in replies */
} TodokeProvider;

/* One rule: every condition given must hold; several values of the same
 * condition are alternatives. The first rule that holds decides. */
typedef struct
{
  const char              *id;         /* interned */
  const TodokeReasonInfo  *reason;
  guint                    contexts;   /* TodokeContext mask */
  gboolean                 has_severity;
  TodokeSeverity           severity;
  GPtrArray               *providers;  /* interned ids */
  GPtrArray               *statuses;   /* patterns */
  GPtrArray               *replies;    /* patterns */
  GPtrArray               *actions;    /* DSN actions */
  GPtrArray               *hints;      /* parser hints, interned */
  GPtrArray               *client_errors;
  guint                    commands;   /* bit per TodokeCommand; 0 = any */
  GPtrArray               *texts;      /* TodokePhrase */
  guint16                 *text_keys;  /* parallel to texts: each phrase's bigram key */
  GPtrArray               *concepts;   /* TodokeConcept: alternatives to texts */
  GPtrArray               *not_texts;  /* TodokePhrase */
  const char              *source;     /* where the rule's meaning is documented (interned) */
} TodokeRule;

/* What the classifier knows when it walks the rules. */
typedef struct
{
  const TodokeRecord *record;
  const char         *text;            /* normalized diagnostic, never NULL */
  gsize               text_length;
  const TodokeBigrams *bigrams;        /* of text */
  const TodokeClauses *clauses;        /* of text; NULL: found when needed */
  const char         *provider;        /* interned provider id or NULL */
  const char         *client_error;    /* for client-side failures */
  TodokeContext       context;
} TodokeFacts;

gboolean                _todoke_rule_set_parse           (TodokeRuleSet       *self,
                                                          gboolean             reasons,
                                                          GBytes              *bytes,
                                                          GError             **error);
void                    _todoke_rule_set_index           (TodokeRuleSet       *self);
void                    _todoke_provider_free            (TodokeProvider      *provider);
void                    _todoke_rule_free                (TodokeRule          *rule);
struct _TodokeGuideBook *_todoke_rule_set_get_guide_book (TodokeRuleSet       *self);
const TodokeReasonInfo *_todoke_rule_set_lookup_reason   (TodokeRuleSet       *self,
                                                          const char          *id);
const TodokeRule       *_todoke_rule_set_match           (TodokeRuleSet       *self,
                                                          const TodokeFacts   *facts);
const char             *_todoke_rule_set_find_provider   (TodokeRuleSet       *self,
                                                          const char          *recipient_domain,
                                                          const char          *remote_host,
                                                          const char          *reporting_mta);
const char             *_todoke_rule_set_find_provider_by_text (TodokeRuleSet *self,
                                                          const char          *text,
                                                          gsize                length,
                                                          const TodokeBigrams *bigrams);
const char             *_todoke_rule_set_get_provider_name (TodokeRuleSet     *self,
                                                          const char          *provider);
GPtrArray              *_todoke_rule_set_get_rules       (TodokeRuleSet       *self);
TodokeSeverity          _todoke_reason_info_severity     (const TodokeReasonInfo *info,
                                                          const char          *status,
                                                          guint                reply_code);

G_END_DECLS
