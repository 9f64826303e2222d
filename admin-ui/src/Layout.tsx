import type { ReactNode } from 'react';
import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import { AppBar, Layout as RaLayout, Menu, type AppBarProps } from 'react-admin';
import { StaffMenu } from './StaffMenu';

const AppMenu = () => (
  <Menu>
    <Menu.DashboardItem />
    <Menu.ResourceItems />
    <Menu.Item to="/status" primaryText="ikou.menu.status" leftIcon={<MonitorHeartIcon />} />
  </Menu>
);

// A constant element, as react-admin's own default: AppBar is memoized, and a new userMenu element at each
// render defeats that. With one, a signed-out visit to /console/ re-rendered the dashboard for ~10 s
// (until the sign-in page finally showed), fetching /ready each time.
const staffMenu = <StaffMenu />;

/** react-admin's app bar (title, language menu, loading indicator) with the signed-in staff member's menu. */
const StaffAppBar = (props: AppBarProps) => <AppBar {...props} userMenu={staffMenu} />;

export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout menu={AppMenu} appBar={StaffAppBar}>
    {children}
  </RaLayout>
);
