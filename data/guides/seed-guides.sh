#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Print the guide of every code the seed article walks through, as a user
# sees it, to read them the way a help desk would:
#   data/guides/seed-guides.sh [TODOKE] [ja|en]
# TODOKE defaults to _build/libhelper/cli/todoke, the language to ja. The
# replies are the ones of tests/test-classifier.c (seed_cases); Gmail's
# replies end in "gsmtp" as Gmail writes them, so Gmail's notes show.
set -eu
todoke=${1:-_build/libhelper/cli/todoke}
lang=${2:-ja}

show () {
  printf '==== %s\n' "$*"
  "$todoke" classify --lang "$lang" "$@"
  printf '\n'
}

rcpthosts="553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)"
rp=" (BAY004-MC1F41) Unfortunately, some messages from 192.0.2.1 weren't sent. Please try again. We have limits for how many messages can be sent per hour and per day."
show --recipient taro@no-such-domain.example --reply '550 Host unknown'
show --recipient taro@example.jp --reply '550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown in local recipient table'
show --recipient taro@example.jp --reply '551 User not local; please try <taro@example.org>'
show --recipient taro@example.jp --reply '552 5.2.2 <taro@example.jp>: Mailbox full'
show --reply '552 5.3.4 Message size exceeds fixed limit'
show --reply '553 5.7.1 <me@example.jp>: Sender address rejected: not owned by user me@example.jp'
show --reply "$rcpthosts"
show --client outlook --reply "$rcpthosts"
show --client thunderbird --reply "$rcpthosts"
show --reply '554 Service unavailable'
show --reply '554 Transaction failed'
show --reply '421 4.4.5 Server busy, try again later. - gsmtp'
show --reply '421 4.7.0 Try again later, closing connection. - gsmtp'
show --reply '451 4.3.0 Mail server temporarily rejected message. - gsmtp'
show --reply "$(printf '550-5.4.5 Daily user sending limit exceeded. For more information on Gmail\r\n550-5.4.5 sending limits go to\r\n550 5.4.5  https://support.google.com/a/answer/166852 - gsmtp')"
show --reply "421 RP-001$rp"
show --reply "421 RP-002$rp"
show --reply "421 RP-003$rp"
show --reply "550 SC-001 (BAY004-MC1F41) Unfortunately, messages from 192.0.2.1 weren't sent. Please contact your Internet service provider since part of their network is on our block list."
