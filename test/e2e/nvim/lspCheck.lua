-- Headless Neovim (0.7+) as a client of the language server: opens the manifest given on the command
-- line, lets Neovim's own LSP client receive the diagnostics, asks for a hover, and writes what it saw
-- as JSON for test/e2e/nvim/nvimTest.ts to assert. Neovim 0.7 has neither `-l` nor vim.lsp.start, so
-- this uses vim.lsp.start_client + buf_attach_client, which later versions still support.
-- env: KSL_NODE, KSL_SERVER (server.js), KSL_ROOT (workspace), KSL_OUT (JSON), KSL_HOVER_FILE,
--      KSL_HOVER_LINE, KSL_HOVER_CHAR (0-based)
local out = { diagnostics = {}, hover = vim.NIL, hover_capability = false, errors = {} }

local function write_and_quit(code)
  local f = assert(io.open(os.getenv('KSL_OUT'), 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd(code == 0 and 'qa!' or 'cq')
end

local ok, err = pcall(function()
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'yaml' -- the languageId Neovim sends
  local client_id = vim.lsp.start_client({
    name = 'kube-service-lens',
    cmd = { os.getenv('KSL_NODE'), os.getenv('KSL_SERVER'), '--stdio' },
    root_dir = os.getenv('KSL_ROOT'),
  })
  assert(client_id, 'the language server did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)

  local got = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  if not got then table.insert(out.errors, 'no diagnostics within 20 s') end
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out.diagnostics, {
      code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or vim.NIL,
      severity = d.severity, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      message = d.message, source = d.source or vim.NIL,
    })
  end

  local client = vim.lsp.get_client_by_id(client_id)
  out.hover_capability = client.server_capabilities.hoverProvider and true or false
  if out.hover_capability then
    vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('KSL_HOVER_FILE')))
    local hbuf = vim.api.nvim_get_current_buf()
    vim.bo[hbuf].filetype = 'yaml'
    vim.lsp.buf_attach_client(hbuf, client_id)
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(hbuf) },
      position = { line = tonumber(os.getenv('KSL_HOVER_LINE')), character = tonumber(os.getenv('KSL_HOVER_CHAR')) },
    }
    -- The workspace index may still be building: ask again until the answer names the workload.
    local deadline = vim.loop.now() + 20000
    repeat
      local resp = vim.lsp.buf_request_sync(hbuf, 'textDocument/hover', params, 5000) or {}
      for _, r in pairs(resp) do
        if r.result and r.result.contents then
          local c = r.result.contents
          out.hover = type(c) == 'table' and (c.value or vim.fn.json_encode(c)) or tostring(c)
        elseif r.err then
          table.insert(out.errors, 'hover: ' .. vim.inspect(r.err))
        end
      end
      if out.hover ~= vim.NIL and string.find(out.hover, os.getenv('KSL_HOVER_EXPECT'), 1, true) then break end
      vim.wait(200)
    until vim.loop.now() > deadline
  end

  vim.lsp.stop_client(client_id)
  vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
end)
if not ok then table.insert(out.errors, tostring(err)) end
write_and_quit(ok and 0 or 1)
