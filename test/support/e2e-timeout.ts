// End-to-end tests start real processes; their budget is a minute, not Jest's default 5 s.
jest.setTimeout(60_000);
