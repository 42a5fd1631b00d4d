"""The trust boundary's grader side: judging a kernel's answers without trusting them.

- ``rpc``: the object protocol between the grader and a kernel; everything the
  kernel sends is decoded as data, with sizes capped before anything is allocated;
- ``referee``: runs the hidden part of a test cell in the grader's process,
  against proxies of the student's functions;
- ``kernelside``: the protocol's end inside the kernel, which answers the referee.
"""
