import { useId, useState, type MouseEvent } from 'react';
import { Box, Button, Chip, Divider, IconButton, Menu, Tooltip, Typography, useMediaQuery, type Theme } from '@mui/material';
import AccountCircle from '@mui/icons-material/AccountCircle';
import { Logout, useGetIdentity, useTranslate } from 'react-admin';

/**
 * The app bar's user menu: who is signed in (display name and role, from GET /api/console/auth/me through
 * authProvider.getIdentity) and the logout. On a phone the button shrinks to the icon; the menu says it all.
 */
export const StaffMenu = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const menuId = useId();
  const wide = useMediaQuery<Theme>((theme) => theme.breakpoints.up('sm'));
  if (!identity) return null;

  const name = String(identity.fullName ?? identity.email ?? '');
  const role = typeof identity.role === 'string' ? identity.role : '';
  const roleLabel = role ? translate(`ikou.role.${role}`, { _: role }) : '';
  const label = translate('ikou.staff_menu.label', { name });
  const open = (event: MouseEvent<HTMLElement>) => setAnchor(event.currentTarget);
  const buttonProps = {
    'aria-label': label,
    'aria-haspopup': true,
    'aria-controls': anchor ? menuId : undefined,
    'aria-expanded': anchor ? true : undefined,
    'data-testid': 'staff-menu',
    onClick: open,
    color: 'inherit',
  } as const;

  return (
    <>
      {wide ? (
        <Button {...buttonProps} startIcon={<AccountCircle />} sx={{ textTransform: 'none', ml: 0.5 }}>
          <span data-testid="staff-display-name">{name}</span>
          <Chip
            size="small"
            label={roleLabel}
            data-testid="staff-role"
            data-role={role}
            sx={{ ml: 1, color: 'inherit', borderColor: 'currentColor' }}
            variant="outlined"
          />
        </Button>
      ) : (
        <Tooltip title={label}>
          <IconButton {...buttonProps}>
            <AccountCircle />
          </IconButton>
        </Tooltip>
      )}
      <Menu
        id={menuId}
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        disableScrollLock
      >
        <Box sx={{ px: 2, py: 1 }} data-testid="staff-menu-identity">
          <Typography variant="subtitle2">{name}</Typography>
          <Typography variant="body2" color="text.secondary">
            {String(identity.email ?? '')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {roleLabel}
          </Typography>
        </Box>
        <Divider />
        <Logout data-testid="staff-logout" />
      </Menu>
    </>
  );
};
