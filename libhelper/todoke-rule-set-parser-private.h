/* todoke-rule-set-parser-private.h: the state the rule data parsers share
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "todoke-rule-set-private.h"

G_BEGIN_DECLS

typedef enum
{
  FILE_REASONS,
  FILE_RULES,
} FileKind;

typedef struct
{
  TodokeRuleSet   *self;
  FileKind         kind;
  TodokeProvider  *provider;     /* open <provider> */
  TodokeRule      *rule;         /* open <rule> */
  TodokeWordClass *word_class;   /* open <words> */
  const char      *group_source; /* the open <group>'s source, interned, or NULL */
  GString         *text;         /* character data of the open leaf */
  GPtrArray       *pending_providers; /* (rule, provider id) pairs checked at the end */
  GHashTable      *lines;        /* interned reason or rule id -> line, for the checks at the end */
} ParseState;

void       _todoke_parse_set_error     (GMarkupParseContext  *context,
                                        GError              **error,
                                        const char           *format,
                                        ...) G_GNUC_PRINTF (3, 4);
gboolean   _todoke_parse_is_valid_id   (const char           *id);
gboolean   _todoke_parse_severity      (const char           *value,
                                        TodokeSeverity       *severity,
                                        TodokeSeverityRule   *rule);
void       _todoke_parse_remember_line (GMarkupParseContext  *context,
                                        ParseState           *state,
                                        const char           *id);

void       _todoke_parse_start_rule    (GMarkupParseContext  *context,
                                        ParseState           *state,
                                        const char          **names,
                                        const char          **values,
                                        GError              **error);
void       _todoke_parse_end_rule      (GMarkupParseContext  *context,
                                        ParseState           *state,
                                        GError              **error);
void       _todoke_parse_rule_leaf     (GMarkupParseContext  *context,
                                        ParseState           *state,
                                        const char           *element,
                                        const char           *value,
                                        GError              **error);
void       _todoke_parse_start_words   (GMarkupParseContext  *context,
                                        ParseState           *state,
                                        const char          **names,
                                        const char          **values,
                                        GError              **error);
void       _todoke_parse_end_words     (GMarkupParseContext  *context,
                                        ParseState           *state,
                                        GError              **error);
void       _todoke_parse_word          (GMarkupParseContext  *context,
                                        ParseState           *state,
                                        const char           *value,
                                        GError              **error);

extern const char * const _todoke_parse_rule_leaves[];

G_END_DECLS
